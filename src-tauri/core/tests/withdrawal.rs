//! Taking back the agreement to keep a map is final, even when the destruction that follows
//! is interrupted: a retry finishes it, the map is already due, and it cannot be kept again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{later, now};
use peermap_core::consent::{
    decide_keep, record_explained, withdraw_keep, KeepDecision, KeepOutcome,
};
use peermap_core::document::{ConsentBy, MapDocument};
use peermap_core::index::DestroyReason;
use peermap_core::lifecycle::draft_retain_until;
use peermap_core::settings::Settings;
use peermap_core::Error;
use uuid::Uuid;

fn kept() -> MapDocument {
    let mut doc = MapDocument::new(
        Uuid::new_v4(),
        "Blue fox",
        "Understand who keeps R safe",
        now(),
        draft_retain_until(now()),
    )
    .unwrap();
    record_explained(&mut doc, true, true, now()).unwrap();
    let yes = KeepDecision {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: None,
    };
    decide_keep(&mut doc, yes, None, &Settings::default(), now()).unwrap();
    doc
}

#[test]
fn an_interrupted_withdrawal_is_finished_by_trying_again() {
    let mut doc = kept();
    let first = withdraw_keep(&mut doc, later(1)).unwrap();
    // The destruction did not happen (the app was closed); the saved document is retried.
    let again = withdraw_keep(&mut doc, later(2)).unwrap();
    assert!(matches!(
        first,
        KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn)
    ));
    assert!(matches!(
        again,
        KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn)
    ));
}

#[test]
fn a_withdrawn_map_is_due_at_once_not_at_its_kept_date() {
    let mut doc = kept();
    let kept_until = doc.retention.until;
    withdraw_keep(&mut doc, later(1)).unwrap();
    assert!(
        doc.retention.until <= later(1),
        "still kept until {kept_until}"
    );
}

#[test]
fn a_withdrawn_map_cannot_be_kept_again() {
    let mut doc = kept();
    withdraw_keep(&mut doc, later(1)).unwrap();
    let yes = KeepDecision {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: None,
    };
    let refused = decide_keep(&mut doc, yes, None, &Settings::default(), later(2));
    assert!(
        matches!(refused, Err(Error::ConsentRequired(_))),
        "{refused:?}"
    );
    assert!(!doc.consent.is_kept());
}
