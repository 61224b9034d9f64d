use super::*;
use crate::consent::{decide_keep, record_explained, withdraw_share, KeepDecision, NewShare};
use time::macros::datetime;

fn kept_with_share() -> (MapDocument, String) {
    let t0 = datetime!(2026-01-05 10:00 UTC);
    let mut doc = MapDocument::new(
        Uuid::new_v4(),
        "JS",
        "Who helps J feel safe.",
        t0,
        datetime!(2026-01-12 10:00 UTC),
    )
    .expect("new doc");
    record_explained(&mut doc, true, true, t0).expect("explained");
    let decision = KeepDecision {
        agreed: true,
        by: ConsentBy::YoungPerson,
        by_reason: None,
        understanding_note: Some("Told it back in her own words.".into()),
    };
    decide_keep(
        &mut doc,
        decision,
        Some("Public task"),
        &Settings::default(),
        t0,
    )
    .expect("kept");
    let share = NewShare {
        role: "Social worker".into(),
        team: "Children's services, North".into(),
        age_recipient: None,
        purpose: "Safety plan meeting".into(),
        expires_at: None,
    };
    let id = consent::add_share(&mut doc, share, t0).expect("share");
    (doc, id)
}

#[test]
fn a_kept_map_shows_its_agreement_share_history_and_latest_allowed_date() {
    let (doc, share_id) = kept_with_share();
    let now = datetime!(2026-02-01 10:00 UTC);
    let record = MapRecord::of(&doc, &Settings::default(), now);
    assert!(!record.is_draft);
    assert_eq!(record.explained_at, Some(datetime!(2026-01-05 10:00 UTC)));
    assert_eq!(record.keep.as_ref().map(|k| k.agreed), Some(true));
    assert_eq!(record.lawful_basis.as_deref(), Some("Public task"));
    assert_eq!(record.shares.len(), 1);
    assert_eq!(record.shares[0].id, share_id);
    assert_eq!(record.shares[0].status, "active");
    let events: Vec<&str> = record.history.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, ["explained", "keep_agreed", "share_added"]);
    assert_eq!(
        record.history[2].share.as_deref(),
        Some("Social worker (Children's services, North)")
    );
    assert_eq!(record.retention.until, datetime!(2027-01-05 10:00 UTC));
    assert_eq!(
        record.retention.latest_allowed,
        Some(datetime!(2029-01-05 10:00 UTC))
    );
    assert_eq!(record.retention.days_left, 338);
}

#[test]
fn a_withdrawn_share_says_so_and_a_draft_has_no_latest_allowed_date() {
    let (mut doc, share_id) = kept_with_share();
    let now = datetime!(2026-02-01 10:00 UTC);
    withdraw_share(&mut doc, &share_id, now).expect("withdrawn");
    let record = MapRecord::of(&doc, &Settings::default(), now);
    assert_eq!(record.shares[0].status, "withdrawn");
    assert_eq!(record.shares[0].withdrawn_at, Some(now));

    let draft = MapDocument::new(
        Uuid::new_v4(),
        "AB",
        "Purpose.",
        now,
        datetime!(2026-02-08 10:00 UTC),
    )
    .expect("draft");
    let record = MapRecord::of(&draft, &Settings::default(), now);
    assert!(record.is_draft);
    assert!(record.keep.is_none());
    assert!(record.explained_at.is_none());
    assert!(record.retention.latest_allowed.is_none());
    assert_eq!(record.retention.days_left, 7);
}

#[test]
fn the_json_uses_the_names_the_ui_reads() {
    let (doc, _) = kept_with_share();
    let record = MapRecord::of(&doc, &Settings::default(), datetime!(2026-02-01 10:00 UTC));
    let json = serde_json::to_value(&record).expect("json");
    for key in [
        "id",
        "label",
        "isDraft",
        "sessionCount",
        "explainedAt",
        "keep",
        "lawfulBasis",
        "shares",
        "history",
        "retention",
        "disclosures",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["keep"]["by"], "young_person");
    assert_eq!(json["retention"]["latestAllowed"], "2029-01-05T10:00:00Z");
    assert_eq!(json["shares"][0]["status"], "active");
}
