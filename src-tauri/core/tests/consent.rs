//! Consent and retention operations: every path, every refusal, and that a refusal
//! leaves the document exactly as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{fresh_vault, later, now};
use peermap_core::consent::{
    active_share, add_share, apply_retention_after_session, decide_keep, extend_retention,
    record_explained, retention_after_session, share_status, withdraw_keep, withdraw_share,
    KeepDecision, KeepOutcome, NewShare, ShareStatus,
};
use peermap_core::document::{ConsentBy, Disclosure, MapDocument, Recipient};
use peermap_core::index::DestroyReason;
use peermap_core::lifecycle::draft_retain_until;
use peermap_core::settings::Settings;
use peermap_core::{view, Error};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

const LABEL: &str = "Blue fox";

fn draft() -> MapDocument {
    MapDocument::new(
        Uuid::new_v4(),
        LABEL,
        "Understand who keeps R safe",
        now(),
        draft_retain_until(now()),
    )
    .unwrap()
}

fn yes() -> KeepDecision {
    KeepDecision {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: Some("Could say back who would see it.".into()),
    }
}

fn no() -> KeepDecision {
    KeepDecision {
        agreed: false,
        ..yes()
    }
}

fn explained() -> MapDocument {
    let mut doc = draft();
    record_explained(&mut doc, true, true, now()).unwrap();
    doc
}

fn kept() -> MapDocument {
    let mut doc = explained();
    decide_keep(
        &mut doc,
        yes(),
        Some("Public task"),
        &Settings::default(),
        now(),
    )
    .unwrap();
    doc
}

fn share(expires_at: Option<OffsetDateTime>) -> NewShare {
    NewShare {
        role: "Social worker".into(),
        team: "Children's services, North".into(),
        age_recipient: None,
        purpose: "Planning meeting".into(),
        expires_at,
    }
}

fn events(doc: &MapDocument) -> Vec<&str> {
    doc.consent
        .history
        .iter()
        .map(|e| e.event.as_str())
        .collect()
}

fn invalid(result: peermap_core::Result<impl Sized>) -> String {
    match result {
        Err(Error::InvalidInput(message)) => {
            assert!(!message.contains(LABEL), "message leaks content");
            message
        }
        Err(other) => panic!("expected InvalidInput, got {other:?}"),
        Ok(_) => panic!("expected InvalidInput, got Ok"),
    }
}

fn consent_required(result: peermap_core::Result<impl Sized>) -> String {
    match result {
        Err(Error::ConsentRequired(message)) => message,
        Err(other) => panic!("expected ConsentRequired, got {other:?}"),
        Ok(_) => panic!("expected ConsentRequired, got Ok"),
    }
}

#[test]
fn explain_then_keep_records_everything_and_sets_default_retention() {
    let mut doc = draft();
    assert_eq!(doc.retention.policy, "draft");
    record_explained(&mut doc, true, true, now()).unwrap();
    let at = now() + Duration::hours(1);
    let outcome = decide_keep(
        &mut doc,
        yes(),
        Some(" Public task "),
        &Settings::default(),
        at,
    )
    .unwrap();

    let until = datetime!(2027-03-02 11:00 UTC);
    assert_eq!(outcome, KeepOutcome::Kept { until });
    assert!(!doc.is_draft());
    assert_eq!(doc.retention.until, until);
    assert_eq!(doc.retention.policy, "default");
    let keep = doc.consent.keep_copy.as_ref().unwrap();
    assert!(keep.agreed);
    assert_eq!(keep.by, ConsentBy::YoungPerson);
    assert_eq!(keep.by_reason, None);
    assert_eq!(keep.at, at);
    assert_eq!(
        keep.understanding_note.as_deref(),
        Some("Could say back who would see it.")
    );
    assert_eq!(doc.consent.lawful_basis.as_deref(), Some("Public task"));
    assert_eq!(events(&doc), ["explained", "keep_agreed"]);
    assert_eq!(doc.consent.history[1].at, at);
    assert_eq!(doc.updated_at, at);
    doc.validate().unwrap();
}

#[test]
fn retention_uses_the_organisation_default_and_clamps_the_day() {
    let mut doc = MapDocument::new(
        Uuid::new_v4(),
        LABEL,
        "",
        datetime!(2027-01-31 09:00 UTC),
        datetime!(2027-02-07 09:00 UTC),
    )
    .unwrap();
    let at = datetime!(2027-01-31 10:00 UTC);
    record_explained(&mut doc, true, true, at).unwrap();
    let settings = Settings {
        default_retention_months: 1,
        ..Settings::default()
    };
    decide_keep(&mut doc, yes(), None, &settings, at).unwrap();
    assert_eq!(doc.retention.until, datetime!(2027-02-28 10:00 UTC));
    assert_eq!(doc.consent.lawful_basis, None);
}

#[test]
fn both_things_must_be_explained_before_drawing() {
    for (confidentiality, storage) in [(false, true), (true, false), (false, false)] {
        let mut doc = draft();
        let before = doc.clone();
        invalid(record_explained(&mut doc, confidentiality, storage, now()));
        assert_eq!(doc, before);
    }
}

#[test]
fn keeping_before_explaining_is_refused_and_changes_nothing() {
    let mut doc = draft();
    let before = doc.clone();
    consent_required(decide_keep(
        &mut doc,
        yes(),
        None,
        &Settings::default(),
        now(),
    ));
    assert_eq!(doc, before);
}

#[test]
fn saying_no_asks_the_caller_to_destroy_the_draft() {
    let mut doc = explained();
    let outcome = decide_keep(
        &mut doc,
        no(),
        Some("Public task"),
        &Settings::default(),
        now(),
    )
    .unwrap();
    assert_eq!(outcome, KeepOutcome::Destroy(DestroyReason::NotKept));
    assert!(doc.is_draft());
    assert_eq!(doc.retention.policy, "draft");
    assert_eq!(doc.retention.until, draft_retain_until(now()));
    assert_eq!(doc.consent.lawful_basis, None);
    assert!(!doc.consent.keep_copy.as_ref().unwrap().agreed);
    assert_eq!(events(&doc), ["explained", "keep_declined"]);

    // A "no" never needs anything first.
    let mut unexplained = draft();
    let outcome = decide_keep(&mut unexplained, no(), None, &Settings::default(), now()).unwrap();
    assert_eq!(outcome, KeepOutcome::Destroy(DestroyReason::NotKept));
    assert_eq!(events(&unexplained), ["keep_declined"]);
}

#[test]
fn a_parent_or_carer_answer_needs_a_reason() {
    for reason in [None, Some(String::new()), Some("   ".to_owned())] {
        let mut doc = explained();
        let before = doc.clone();
        let decision = KeepDecision {
            by: ConsentBy::ParentCarer,
            by_reason: reason,
            ..yes()
        };
        let message = invalid(decide_keep(
            &mut doc,
            decision,
            None,
            &Settings::default(),
            now(),
        ));
        assert!(message.contains("parent or carer"), "{message}");
        assert_eq!(doc, before);
    }

    let mut doc = explained();
    let decision = KeepDecision {
        by: ConsentBy::ParentCarer,
        by_reason: Some("Under 13".into()),
        ..yes()
    };
    decide_keep(&mut doc, decision, None, &Settings::default(), now()).unwrap();
    let keep = doc.consent.keep_copy.as_ref().unwrap();
    assert_eq!(keep.by, ConsentBy::ParentCarer);
    assert_eq!(keep.by_reason.as_deref(), Some("Under 13"));

    // A reason is not recorded against the young person's own answer.
    let mut doc = explained();
    let decision = KeepDecision {
        by_reason: Some("Because".into()),
        ..yes()
    };
    invalid(decide_keep(
        &mut doc,
        decision,
        None,
        &Settings::default(),
        now(),
    ));
}

#[test]
fn over_long_notes_and_bases_are_refused() {
    let mut doc = explained();
    let before = doc.clone();
    let decision = KeepDecision {
        understanding_note: Some("x".repeat(1001)),
        ..yes()
    };
    invalid(decide_keep(
        &mut doc,
        decision,
        None,
        &Settings::default(),
        now(),
    ));
    invalid(decide_keep(
        &mut doc,
        yes(),
        Some(&"x".repeat(501)),
        &Settings::default(),
        now(),
    ));
    assert_eq!(doc, before);
}

#[test]
fn a_kept_map_cannot_be_kept_again() {
    let mut doc = kept();
    let before = doc.clone();
    invalid(decide_keep(
        &mut doc,
        yes(),
        None,
        &Settings::default(),
        now(),
    ));
    assert_eq!(doc, before);
}

#[test]
fn shares_need_a_kept_map_and_well_formed_fields() {
    let mut doc = explained();
    let before = doc.clone();
    consent_required(add_share(&mut doc, share(None), now()));
    assert_eq!(doc, before);

    let mut doc = kept();
    let before = doc.clone();
    let bad = [
        NewShare {
            role: "  ".into(),
            ..share(None)
        },
        NewShare {
            team: String::new(),
            ..share(None)
        },
        NewShare {
            purpose: String::new(),
            ..share(None)
        },
        NewShare {
            role: "x".repeat(81),
            ..share(None)
        },
        NewShare {
            team: "Line\nbreak".into(),
            ..share(None)
        },
        NewShare {
            purpose: "x".repeat(501),
            ..share(None)
        },
        share(Some(now())),
        share(Some(now() - Duration::days(1))),
    ];
    for new in bad {
        invalid(add_share(&mut doc, new, now()));
        assert_eq!(doc, before);
    }
}

#[test]
fn an_invalid_age_key_is_refused_and_a_valid_one_is_kept() {
    let mut doc = kept();
    let before = doc.clone();
    for key in [
        "age1notakey",
        "AGE-SECRET-KEY-1QQQQ",
        "ssh-ed25519 AAAA",
        "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs",
    ] {
        let new = NewShare {
            age_recipient: Some(key.into()),
            ..share(None)
        };
        let message = invalid(add_share(&mut doc, new, now()));
        assert!(message.contains("age1"), "{message}");
        assert_eq!(doc, before);
    }

    let key = age::x25519::Identity::generate().to_public().to_string();
    let new = NewShare {
        age_recipient: Some(format!(" {key} ")),
        ..share(None)
    };
    let id = add_share(&mut doc, new, now()).unwrap();
    let added = active_share(&doc, &id, now()).unwrap();
    assert_eq!(added.recipient.age_recipient.as_deref(), Some(key.as_str()));
}

#[test]
fn a_share_is_usable_until_it_ends() {
    let mut doc = kept();
    let ends = later(30);
    let id = add_share(&mut doc, share(Some(ends)), now()).unwrap();
    assert!((1..=64).contains(&id.len()));
    assert!(id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    let added = active_share(&doc, &id, now()).unwrap();
    assert_eq!(added.recipient.role, "Social worker");
    assert_eq!(added.agreed_at, now());
    assert_eq!(added.expires_at, Some(ends));
    assert!(active_share(&doc, &id, ends - Duration::seconds(1)).is_ok());
    assert_eq!(
        share_status(&doc.consent.shares[0], ends),
        ShareStatus::Expired
    );
    consent_required(active_share(&doc, &id, ends));
    consent_required(active_share(&doc, &id, later(365)));
    consent_required(active_share(&doc, "no-such-share", now()));

    let forever = add_share(&mut doc, share(None), now()).unwrap();
    assert!(active_share(&doc, &forever, later(10_000)).is_ok());
    assert_eq!(
        events(&doc),
        ["explained", "keep_agreed", "share_added", "share_added"]
    );
    assert_eq!(
        doc.consent.history[2].share_id.as_deref(),
        Some(id.as_str())
    );
    assert_eq!(
        doc.consent.history[3].share_id.as_deref(),
        Some(forever.as_str())
    );
}

fn disclosure(share_id: &str, day: i64) -> Disclosure {
    Disclosure {
        at: later(day),
        share_id: share_id.to_owned(),
        recipient: Recipient {
            role: "Social worker".into(),
            team: "Children's services, North".into(),
            age_recipient: None,
        },
        included: vec!["map".into()],
        export_sha256: Some("a".repeat(64)),
        status: "exported".into(),
    }
}

#[test]
fn withdrawing_a_share_blocks_it_and_lists_what_was_already_sent() {
    let mut doc = kept();
    let first = add_share(&mut doc, share(None), now()).unwrap();
    let other = add_share(&mut doc, share(None), now()).unwrap();
    doc.disclosures = vec![
        disclosure(&first, 1),
        disclosure(&other, 2),
        disclosure(&first, 3),
    ];
    doc.validate().unwrap();

    let sent = withdraw_share(&mut doc, &first, later(4)).unwrap();
    assert_eq!(sent, vec![disclosure(&first, 1), disclosure(&first, 3)]);
    assert_eq!(
        share_status(&doc.consent.shares[0], later(4)),
        ShareStatus::Withdrawn
    );
    let message = consent_required(active_share(&doc, &first, later(4)));
    assert!(message.contains("withdrew"), "{message}");
    assert!(active_share(&doc, &other, later(4)).is_ok());
    let last = doc.consent.history.last().unwrap();
    assert_eq!(last.event, "share_withdrawn");
    assert_eq!(last.share_id.as_deref(), Some(first.as_str()));
    assert_eq!(last.at, later(4));

    let before = doc.clone();
    invalid(withdraw_share(&mut doc, &first, later(5)));
    invalid(withdraw_share(&mut doc, "no-such-share", later(5)));
    assert_eq!(doc, before);

    assert_eq!(
        withdraw_share(&mut doc, &other, later(5)).unwrap(),
        vec![disclosure(&other, 2)]
    );
    let none = add_share(&mut doc, share(None), later(5)).unwrap();
    assert!(withdraw_share(&mut doc, &none, later(6))
        .unwrap()
        .is_empty());
}

#[test]
fn withdrawing_keep_withdraws_every_share_and_asks_for_destruction() {
    let mut doc = kept();
    let a = add_share(&mut doc, share(None), now()).unwrap();
    let b = add_share(&mut doc, share(None), now()).unwrap();
    withdraw_share(&mut doc, &a, later(1)).unwrap();

    let outcome = withdraw_keep(&mut doc, later(2)).unwrap();
    assert_eq!(
        outcome,
        KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn)
    );
    assert!(doc.is_draft());
    consent_required(active_share(&doc, &b, later(2)));
    assert_eq!(doc.consent.shares[0].withdrawn_at, Some(later(1)));
    assert_eq!(doc.consent.shares[1].withdrawn_at, Some(later(2)));
    assert_eq!(
        events(&doc),
        [
            "explained",
            "keep_agreed",
            "share_added",
            "share_added",
            "share_withdrawn",
            "keep_withdrawn",
            "share_withdrawn",
        ]
    );
    doc.validate().unwrap();

    // A second call (the destruction was interrupted) asks for it again and changes nothing;
    // a draft that was never kept has nothing to withdraw.
    let before = doc.clone();
    assert_eq!(
        withdraw_keep(&mut doc, later(3)).unwrap(),
        KeepOutcome::Destroy(DestroyReason::ConsentWithdrawn)
    );
    invalid(withdraw_keep(&mut draft(), later(3)));
    assert_eq!(doc, before);
}

#[test]
fn extending_retention_needs_a_reason_and_stays_under_the_cap() {
    let settings = Settings::default(); // 12 months, at most 36
    let mut doc = kept();
    let before = doc.clone();
    let until = datetime!(2028-03-02 10:00 UTC);

    for reason in ["", "   ", &"x".repeat(501)] {
        invalid(extend_retention(&mut doc, until, reason, &settings, now()));
    }
    let current = doc.retention.until;
    invalid(extend_retention(
        &mut doc,
        current,
        "Court case",
        &settings,
        now(),
    ));
    let message = invalid(extend_retention(
        &mut doc,
        datetime!(2029-03-02 10:00:01 UTC),
        "Court case",
        &settings,
        now(),
    ));
    assert!(message.contains("36 months"), "{message}");
    assert_eq!(doc, before);

    extend_retention(&mut doc, until, " Court case ", &settings, later(1)).unwrap();
    assert_eq!(doc.retention.until, until);
    let extension = doc.retention.extensions.last().unwrap();
    assert_eq!(
        (extension.at, extension.until, extension.reason.as_str()),
        (later(1), until, "Court case")
    );
    assert_eq!(doc.audit.last().unwrap().event, "retention_extended");
    assert_eq!(doc.audit.last().unwrap().at, later(1));

    // Exactly the cap is allowed; the cap follows the settings.
    let cap = datetime!(2029-03-02 10:00 UTC);
    extend_retention(&mut doc, cap, "Still needed", &settings, later(2)).unwrap();
    assert_eq!(doc.retention.extensions.len(), 2);
    let tighter = Settings {
        default_retention_months: 12,
        max_retention_months: 12,
        ..Settings::default()
    };
    let mut fresh = kept();
    let message = invalid(extend_retention(
        &mut fresh,
        until,
        "Court case",
        &tighter,
        now(),
    ));
    assert!(message.contains("12 months"), "{message}");
}

#[test]
fn drafts_cannot_be_extended() {
    let mut doc = explained();
    let before = doc.clone();
    consent_required(extend_retention(
        &mut doc,
        later(30),
        "Finish next week",
        &Settings::default(),
        now(),
    ));
    assert_eq!(doc, before);
}

#[test]
fn a_new_session_moves_the_default_date_but_never_shortens_an_extension() {
    let settings = Settings::default();
    assert_eq!(retention_after_session(&draft(), &settings), None);

    let mut doc = kept();
    let next_session = datetime!(2026-09-15 14:00 UTC);
    view::start_session(&mut doc, next_session).unwrap();
    assert_eq!(
        retention_after_session(&doc, &settings),
        Some(datetime!(2027-09-15 14:00 UTC))
    );
    apply_retention_after_session(&mut doc, &settings, next_session).unwrap();
    assert_eq!(doc.retention.until, datetime!(2027-09-15 14:00 UTC));

    // The cap counts from the latest session too.
    let far = datetime!(2029-09-15 14:00 UTC);
    extend_retention(&mut doc, far, "Court case", &settings, next_session).unwrap();
    let later_session = datetime!(2026-12-01 14:00 UTC);
    view::start_session(&mut doc, later_session).unwrap();
    apply_retention_after_session(&mut doc, &settings, later_session).unwrap();
    assert_eq!(doc.retention.until, far);

    // A draft keeps its short retention.
    let mut d = draft();
    let before = d.clone();
    apply_retention_after_session(&mut d, &settings, now()).unwrap();
    assert_eq!(d, before);
}

#[test]
fn invalid_settings_are_refused_before_anything_changes() {
    let bad = Settings {
        default_retention_months: 40,
        max_retention_months: 12,
        ..Settings::default()
    };
    let mut doc = explained();
    let before = doc.clone();
    invalid(decide_keep(&mut doc, yes(), None, &bad, now()));
    assert_eq!(doc, before);
}

#[test]
fn a_consented_map_survives_save_and_reopen_and_a_declined_one_is_destroyed() {
    let (_dir, mut vault) = fresh_vault();
    let mut doc = vault
        .create_map(
            LABEL,
            "Understand who keeps R safe",
            now(),
            draft_retain_until(now()),
        )
        .unwrap();
    record_explained(&mut doc, true, true, now()).unwrap();
    decide_keep(
        &mut doc,
        yes(),
        Some("Public task"),
        &vault.settings().unwrap(),
        now(),
    )
    .unwrap();
    let id = add_share(&mut doc, share(Some(later(60))), now()).unwrap();
    vault.save_map(&doc, now()).unwrap();
    let reopened = vault.open_map(doc.id).unwrap();
    assert_eq!(reopened, doc);
    assert!(active_share(&reopened, &id, later(1)).is_ok());

    let mut draft = vault
        .create_map("Red kite", "", now(), draft_retain_until(now()))
        .unwrap();
    record_explained(&mut draft, true, true, now()).unwrap();
    let KeepOutcome::Destroy(reason) =
        decide_keep(&mut draft, no(), None, &Settings::default(), now()).unwrap()
    else {
        panic!("a no must ask for destruction");
    };
    vault.destroy_map(draft.id, reason, now()).unwrap();
    let tombstones = vault.tombstones().unwrap();
    assert_eq!(tombstones.len(), 1);
    assert_eq!(tombstones[0].map_id, draft.id);
    assert_eq!(tombstones[0].reason, DestroyReason::NotKept);
    assert!(matches!(vault.open_map(draft.id), Err(Error::NotFound)));
}
