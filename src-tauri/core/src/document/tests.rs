//! Round trips, one test per validation rule, and a seeded property test.

use std::collections::BTreeSet;

use time::macros::datetime;
use time::{Duration, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use super::*;

const T0: OffsetDateTime = datetime!(2025-02-03 10:00 UTC);

fn token(id: &str, kind: TokenKind, ring: Option<u8>) -> Token {
    Token {
        id: id.to_owned(),
        kind,
        ring,
        angle: 90.0,
        colour: "orange".to_owned(),
        shape: "circle".to_owned(),
        initials: Some("AB".to_owned()),
        descriptor: Some("friend from school".to_owned()),
        badges: vec!["supports".to_owned()],
        private: false,
    }
}

fn recipient() -> Recipient {
    Recipient {
        role: "Social worker".to_owned(),
        team: "Team North".to_owned(),
        age_recipient: Some(
            "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p".to_owned(),
        ),
    }
}

/// A valid document using every part of the format.
fn sample() -> MapDocument {
    let mut doc = MapDocument::new(
        Uuid::from_u128(0x1234),
        "Map A",
        "Who helps A feel safe.",
        T0,
        T0 + Duration::days(14),
    )
    .expect("new map");
    let session = &mut doc.versions[0];
    session.tokens = vec![
        token("t1", TokenKind::Peer, Some(0)),
        token("t2", TokenKind::Family, Some(1)),
        token("t3", TokenKind::Professional, None),
    ];
    session.links = vec![Link {
        a: "t1".to_owned(),
        b: "t2".to_owned(),
        kind: "knows".to_owned(),
    }];
    session.groups = vec![Group {
        id: "g1".to_owned(),
        label: "Football".to_owned(),
        members: vec!["t1".to_owned(), "t2".to_owned()],
    }];
    session.places = vec![Place {
        id: "p1".to_owned(),
        label: "Park".to_owned(),
    }];
    session.notes = vec![Note {
        id: "n1".to_owned(),
        by: Author::YoungPerson,
        text: "Likes the park.\nGoes on Saturdays.".to_owned(),
        private: true,
    }];
    doc.consent = Consent {
        explained: Some(Explained {
            confidentiality: true,
            storage_and_access: true,
            at: T0,
        }),
        keep_copy: Some(KeepCopy {
            agreed: true,
            by: ConsentBy::YoungPerson,
            by_reason: None,
            understanding_note: Some("Said it back in their own words.".to_owned()),
            at: T0,
        }),
        lawful_basis: Some("Public task".to_owned()),
        shares: vec![Share {
            id: "s1".to_owned(),
            recipient: recipient(),
            purpose: "Planning support".to_owned(),
            agreed_at: T0,
            expires_at: Some(T0 + Duration::days(90)),
            withdrawn_at: None,
        }],
        history: vec![ConsentEvent {
            at: T0,
            event: "share_added".to_owned(),
            share_id: Some("s1".to_owned()),
        }],
    };
    doc.retention.extensions.push(Extension {
        at: T0,
        until: T0 + Duration::days(400),
        reason: "Ongoing plan".to_owned(),
    });
    doc.disclosures.push(Disclosure {
        at: T0,
        share_id: "s1".to_owned(),
        recipient: recipient(),
        included: vec!["map".to_owned()],
        export_sha256: Some("ab".repeat(32)),
        status: "exported".to_owned(),
    });
    doc.audit.push(AuditEntry {
        at: T0,
        event: "map_created".to_owned(),
    });
    doc
}

#[test]
fn sample_is_valid_and_round_trips() {
    let doc = sample();
    doc.validate().expect("valid");
    let json = doc.to_json().expect("to_json");
    let back = restore(&json).expect("restore");
    assert_eq!(back, doc);
    assert_eq!(*back.to_json().expect("again"), *json);
}

#[test]
fn new_map_has_the_documented_defaults() {
    let until = T0 + Duration::days(7);
    let doc = MapDocument::new(Uuid::from_u128(7), "Map B", "", T0, until).expect("new");
    assert_eq!(doc.format, "peermap");
    assert_eq!(doc.version, 1);
    assert_eq!(doc.app, crate::APP_VERSION);
    assert_eq!((doc.created_at, doc.updated_at), (T0, T0));
    assert_eq!(doc.rings.len(), 4);
    assert_eq!(doc.versions.len(), 1);
    let session = doc.latest();
    assert_eq!(session.session_at, T0);
    assert_eq!(session.me, Me::default());
    assert_eq!(session.me.colour, "blue");
    assert_eq!(session.me.shape, "circle");
    assert!(session.tokens.is_empty());
    assert!(doc.consent == Consent::default());
    assert!(doc.is_draft());
    assert_eq!(doc.retention.until, until);
    assert_eq!(doc.retention.policy, "draft");
    assert!(doc.retention.extensions.is_empty());
    assert_eq!(
        restore(&doc.to_json().expect("json")).expect("restore"),
        doc
    );
}

#[test]
fn new_refuses_a_bad_label_with_invalid_input() {
    let err = MapDocument::new(Uuid::from_u128(7), "", "", T0, T0).expect_err("refused");
    assert!(matches!(err, Error::InvalidInput(_)));
    let long = "x".repeat(61);
    assert!(MapDocument::new(Uuid::from_u128(7), &long, "", T0, T0).is_err());
}

#[test]
fn keep_agreement_decides_draft() {
    let mut doc = sample();
    assert!(!doc.is_draft() && doc.consent.is_kept());
    if let Some(keep) = doc.consent.keep_copy.as_mut() {
        keep.agreed = false;
    }
    assert!(doc.is_draft() && !doc.consent.is_kept());
    doc.consent.keep_copy = None;
    assert!(doc.is_draft());
}

#[test]
fn timestamps_are_written_as_rfc3339_utc() {
    let mut doc = sample();
    let offset = UtcOffset::from_hms(1, 0, 0).expect("offset");
    doc.created_at = datetime!(2025-02-03 11:00 UTC).to_offset(offset);
    let json = doc.to_json().expect("json");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(value["created_at"], "2025-02-03T11:00:00Z");
    assert_eq!(value["updated_at"], "2025-02-03T10:00:00Z");
    assert_eq!(
        restore(&json).expect("restore").created_at.offset(),
        UtcOffset::UTC
    );
}

#[test]
fn latest_is_the_last_session_and_never_panics() {
    let mut doc = sample();
    let mut later = SessionVersion::empty(T0 + Duration::days(7));
    later.me.initials = Some("Z".to_owned());
    doc.versions.push(later);
    assert_eq!(doc.latest().me.initials.as_deref(), Some("Z"));
    doc.versions.clear();
    assert!(doc.latest().tokens.is_empty());
    assert!(doc.validate().is_err());
}

#[test]
fn debug_output_never_contains_content() {
    let mut doc = sample();
    doc.label = "Canary Label".to_owned();
    doc.versions[0].notes[0].text = "Canary note".to_owned();
    doc.versions[0].tokens[0].descriptor = Some("Canary descriptor".to_owned());
    let all = format!(
        "{doc:?} {:?} {:?} {:?}",
        doc.versions[0], doc.versions[0].tokens[0], doc.consent
    );
    assert!(!all.contains("Canary"), "{all}");
    assert!(!all.contains("AB"), "{all}");
}

#[test]
fn angles_are_stored_to_a_millionth_of_a_degree() {
    assert_eq!(canonical_angle(12.345_678_9), 12.345_679);
    assert_eq!(canonical_angle(359.999_999_9), 0.0);
    let mut doc = sample();
    doc.versions[0].tokens[0].angle = 0.1 + 0.2;
    let back = restore(&doc.to_json().expect("json")).expect("restore");
    assert_eq!(back.versions[0].tokens[0].angle, 0.3);
}

// ---- accepted edge cases ----

#[test]
fn accepts_odd_text_in_labels() {
    let mut doc = sample();
    doc.label = "🙂 خريطة \u{200F}\u{200B}map".to_owned();
    doc.rings[0].label = "👩‍👧 family".to_owned();
    doc.versions[0].groups[0].label = "צוות\u{200D}".to_owned();
    doc.versions[0].tokens[0].descriptor = Some("friend 🎮 (online)".to_owned());
    doc.validate().expect("odd but printable text is fine");
    assert_eq!(
        restore(&doc.to_json().expect("json")).expect("restore"),
        doc
    );
}

#[test]
fn accepts_unicode_initials() {
    let mut doc = sample();
    for initials in ["ÉO", "É\u{301}", "ßø", "Жа", "ع", "a", "XYZ", "E\u{301}O"] {
        doc.versions[0].tokens[0].initials = Some(initials.to_owned());
        doc.validate().expect("letters in any script are initials");
    }
}

#[test]
fn accepts_five_rings_and_three_rings() {
    let mut doc = sample();
    doc.rings.truncate(3);
    doc.validate().expect("3 rings");
    doc.rings.extend(default_rings().into_iter().take(2));
    doc.validate().expect("5 rings");
}

#[test]
fn accepts_three_hundred_tokens() {
    let mut doc = sample();
    let tokens = &mut doc.versions[0].tokens;
    for i in tokens.len()..MAX_TOKENS_FOR_TEST {
        tokens.push(token(&format!("x{i}"), TokenKind::Other, None));
    }
    doc.validate().expect("300 is allowed");
}

const MAX_TOKENS_FOR_TEST: usize = 300;

#[test]
fn full_name_hint_is_never_a_validation_failure() {
    let mut doc = sample();
    doc.versions[0].tokens[0].descriptor = Some("Jamie Smith".to_owned());
    assert!(looks_like_full_name("Jamie Smith"));
    doc.validate().expect("advice only");
}

// ---- one test per rejection rule ----

/// Refused by `validate()` as InvalidInput, and the same document written without validation
/// is refused by `restore()` as Corrupt.
fn assert_refused(doc: &MapDocument) {
    match doc.validate() {
        Err(Error::InvalidInput(message)) => assert!(!message.is_empty()),
        Err(other) => panic!("expected InvalidInput, got {other:?}"),
        Ok(()) => panic!("expected a refusal"),
    }
    assert!(doc.to_json().is_err(), "to_json validates first");
    if let Ok(bytes) = serde_json::to_vec(doc) {
        assert!(
            matches!(restore(&bytes), Err(Error::Corrupt(_))),
            "restore should call it damaged"
        );
    }
}

macro_rules! rejects {
    ($($name:ident: |$doc:ident| $mutate:expr;)*) => {
        $(
            #[test]
            fn $name() {
                let mut $doc = sample();
                $mutate;
                assert_refused(&$doc);
            }
        )*
    };
}

fn session(doc: &mut MapDocument) -> &mut SessionVersion {
    &mut doc.versions[0]
}

fn first_token(doc: &mut MapDocument) -> &mut Token {
    &mut doc.versions[0].tokens[0]
}

rejects! {
    rejects_wrong_format: |doc| doc.format = "peermap2".to_owned();
    rejects_version_zero_in_memory: |doc| doc.version = 0;
    rejects_empty_label: |doc| doc.label = String::new();
    rejects_blank_label: |doc| doc.label = "   ".to_owned();
    rejects_label_over_60_chars: |doc| doc.label = "é".repeat(61);
    rejects_newline_in_label: |doc| doc.label = "Map\nA".to_owned();
    rejects_control_char_in_label: |doc| doc.label = "Map\u{7}A".to_owned();
    rejects_purpose_over_500_chars: |doc| doc.purpose = "p".repeat(501);
    rejects_control_char_in_purpose: |doc| doc.purpose = "why\u{0}".to_owned();
    rejects_malformed_app_version: |doc| doc.app = "0.1\t".to_owned();
    rejects_too_few_rings: |doc| doc.rings.truncate(2);
    rejects_too_many_rings: |doc| doc.rings.extend(default_rings());
    rejects_empty_ring_label: |doc| doc.rings[1].label = String::new();
    rejects_ring_label_over_40_chars: |doc| doc.rings[1].label = "r".repeat(41);
    rejects_no_sessions: |doc| doc.versions.clear();
    rejects_ring_index_out_of_range: |doc| first_token(&mut doc).ring = Some(4);
    rejects_non_finite_angle: |doc| first_token(&mut doc).angle = f64::NAN;
    rejects_infinite_angle: |doc| first_token(&mut doc).angle = f64::INFINITY;
    rejects_angle_out_of_range: |doc| first_token(&mut doc).angle = 360.5;
    rejects_negative_angle: |doc| first_token(&mut doc).angle = -1.0;
    rejects_duplicate_token_ids: |doc| session(&mut doc).tokens[1].id = "t1".to_owned();
    rejects_duplicate_group_ids: |doc| {
        let groups = &mut session(&mut doc).groups;
        groups.push(groups[0].clone());
    };
    rejects_duplicate_place_ids: |doc| {
        let places = &mut session(&mut doc).places;
        places.push(places[0].clone());
    };
    rejects_duplicate_note_ids: |doc| {
        let notes = &mut session(&mut doc).notes;
        notes.push(notes[0].clone());
    };
    rejects_duplicate_share_ids: |doc| {
        let shares = &mut doc.consent.shares;
        shares.push(shares[0].clone());
    };
    rejects_malformed_id: |doc| first_token(&mut doc).id = "t 1".to_owned();
    rejects_empty_id: |doc| session(&mut doc).notes[0].id = String::new();
    rejects_id_over_64_chars: |doc| session(&mut doc).places[0].id = "p".repeat(65);
    rejects_link_to_missing_token: |doc| session(&mut doc).links[0].b = "t9".to_owned();
    rejects_self_link: |doc| session(&mut doc).links[0].b = "t1".to_owned();
    rejects_duplicate_link: |doc| {
        let links = &mut session(&mut doc).links;
        let mut reversed = links[0].clone();
        std::mem::swap(&mut reversed.a, &mut reversed.b);
        links.push(reversed);
    };
    rejects_malformed_link_kind: |doc| session(&mut doc).links[0].kind = "Knows Well".to_owned();
    rejects_group_member_missing: |doc| session(&mut doc).groups[0].members.push("t9".to_owned());
    rejects_duplicate_group_member: |doc| session(&mut doc).groups[0].members.push("t1".to_owned());
    rejects_empty_group_label: |doc| session(&mut doc).groups[0].label = String::new();
    rejects_group_label_over_40_chars: |doc| session(&mut doc).groups[0].label = "g".repeat(41);
    rejects_place_label_over_40_chars: |doc| session(&mut doc).places[0].label = "p".repeat(41);
    rejects_initials_with_digits: |doc| first_token(&mut doc).initials = Some("A1".to_owned());
    rejects_initials_over_3_letters: |doc| first_token(&mut doc).initials = Some("ABCD".to_owned());
    rejects_empty_initials: |doc| first_token(&mut doc).initials = Some(String::new());
    rejects_initials_with_spaces: |doc| first_token(&mut doc).initials = Some("A B".to_owned());
    rejects_bad_me_initials: |doc| session(&mut doc).me.initials = Some("Me!".to_owned());
    rejects_descriptor_over_60_chars: |doc| first_token(&mut doc).descriptor = Some("d".repeat(61));
    rejects_empty_descriptor: |doc| first_token(&mut doc).descriptor = Some(" ".to_owned());
    rejects_newline_in_descriptor: |doc| first_token(&mut doc).descriptor = Some("a\nb".to_owned());
    rejects_note_over_4000_chars: |doc| session(&mut doc).notes[0].text = "n".repeat(4001);
    rejects_empty_note: |doc| session(&mut doc).notes[0].text = String::new();
    rejects_control_char_in_note: |doc| session(&mut doc).notes[0].text = "tab\there".to_owned();
    rejects_carriage_return_in_note: |doc| session(&mut doc).notes[0].text = "a\r\nb".to_owned();
    rejects_too_many_tokens: |doc| {
        let tokens = &mut session(&mut doc).tokens;
        for i in 0..MAX_TOKENS_FOR_TEST {
            tokens.push(token(&format!("x{i}"), TokenKind::Other, None));
        }
    };
    rejects_unknown_shape: |doc| first_token(&mut doc).shape = "octagon".to_owned();
    rejects_unknown_me_shape: |doc| session(&mut doc).me.shape = "Circle".to_owned();
    rejects_malformed_colour: |doc| first_token(&mut doc).colour = "#FF0000".to_owned();
    rejects_colour_over_24_chars: |doc| session(&mut doc).me.colour = "c".repeat(25);
    rejects_malformed_badge: |doc| first_token(&mut doc).badges.push("listens well".to_owned());
    rejects_too_many_badges: |doc| {
        first_token(&mut doc).badges = (0..33).map(|i| format!("b{i}")).collect();
    };
    rejects_empty_recipient_role: |doc| doc.consent.shares[0].recipient.role = String::new();
    rejects_empty_recipient_team: |doc| doc.disclosures[0].recipient.team = " ".to_owned();
    rejects_malformed_age_recipient: |doc| {
        doc.consent.shares[0].recipient.age_recipient = Some("AGE-SECRET-KEY-1XYZ".to_owned());
    };
    rejects_empty_share_purpose: |doc| doc.consent.shares[0].purpose = String::new();
    rejects_empty_lawful_basis: |doc| doc.consent.lawful_basis = Some(String::new());
    rejects_long_understanding_note: |doc| {
        if let Some(keep) = doc.consent.keep_copy.as_mut() {
            keep.understanding_note = Some("u".repeat(1001));
        }
    };
    rejects_empty_by_reason: |doc| {
        if let Some(keep) = doc.consent.keep_copy.as_mut() {
            keep.by = ConsentBy::ParentCarer;
            keep.by_reason = Some(String::new());
        }
    };
    rejects_malformed_consent_event_code: |doc| doc.consent.history[0].event = "Share added".to_owned();
    rejects_history_for_unknown_share: |doc| doc.consent.history[0].share_id = Some("s9".to_owned());
    rejects_malformed_retention_policy: |doc| doc.retention.policy = String::new();
    rejects_empty_extension_reason: |doc| doc.retention.extensions[0].reason = String::new();
    rejects_disclosure_for_unknown_share: |doc| doc.disclosures[0].share_id = "s9".to_owned();
    rejects_malformed_export_hash: |doc| doc.disclosures[0].export_sha256 = Some("AB".repeat(32));
    rejects_malformed_disclosure_status: |doc| doc.disclosures[0].status = "sent!".to_owned();
    rejects_malformed_included_item: |doc| doc.disclosures[0].included.push("all notes".to_owned());
    rejects_content_in_audit_event: |doc| doc.audit[0].event = "opened by Jamie".to_owned();
    rejects_date_out_of_range: |doc| {
        doc.retention.until =
            OffsetDateTime::from_unix_timestamp(-100_000_000_000).expect("year -1200");
    };
}

#[test]
fn rejects_future_version_as_too_new() {
    let mut doc = sample();
    doc.version = 2;
    assert!(matches!(doc.validate(), Err(Error::TooNew(_))));
    let bytes = serde_json::to_vec(&doc).expect("json");
    match restore(&bytes) {
        Err(Error::TooNew(message)) => assert_eq!(
            message,
            "This map was saved by a newer version of Peer Map. Update the app to open it."
        ),
        other => panic!("expected TooNew, got {other:?}"),
    }
}

#[test]
fn rejects_angle_of_exactly_360() {
    // Written out it would wrap to 0, but the app must not hand over 360 in the first place.
    let mut doc = sample();
    first_token(&mut doc).angle = 360.0;
    assert!(matches!(doc.validate(), Err(Error::InvalidInput(_))));
}

#[test]
fn invalid_input_messages_never_contain_content() {
    let mut doc = sample();
    doc.label = format!("Canary Smith{}", "x".repeat(60));
    let message = doc.validate().expect_err("too long").to_string();
    assert!(!message.contains("Canary"));
    assert_eq!(
        message,
        "The map label must be 1 to 60 characters, on one line."
    );
}

// ---- property: random valid documents round-trip unchanged ----

/// xorshift64*: small, seeded, good enough to vary test documents.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn time(&mut self) -> OffsetDateTime {
        let seconds = (self.next() % 3_000_000_000) as i64; // 2000 to about 2095
        let nanos = if self.chance(50) {
            0
        } else {
            (self.next() % 1_000_000_000) as i64
        };
        datetime!(2000-01-01 00:00 UTC) + Duration::seconds(seconds) + Duration::nanoseconds(nanos)
    }

    fn angle(&mut self) -> f64 {
        match self.below(4) {
            0 => 0.0,
            1 => self.below(360) as f64,
            _ => (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 360.0,
        }
    }

    /// Printable text of `min..=max` characters starting with a letter, in mixed scripts with
    /// emoji, marks and zero-width characters; newlines too when `multiline`.
    fn text(&mut self, min: usize, max: usize, multiline: bool) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "é",
            "ß",
            " ",
            "-",
            "'",
            "1",
            "🙂",
            "👩\u{200D}👧",
            "ש",
            "ل",
            "\u{200B}",
            "\u{200F}",
            "Ж",
            "\"",
            "\\",
            "<",
            "&",
        ];
        let target = min + self.below(max - min + 1);
        let mut out = String::from(self.pick(&["A", "ö", "Ж", "ש"]));
        while out.chars().count() < target {
            let piece = if multiline && self.chance(5) {
                "\n"
            } else {
                self.pick(PIECES)
            };
            if out.chars().count() + piece.chars().count() > max {
                break;
            }
            out.push_str(piece);
        }
        out
    }

    fn initials(&mut self) -> String {
        (0..1 + self.below(3))
            .map(|_| self.pick(&["A", "É", "ø", "Ж", "ع", "Z"]))
            .collect()
    }

    fn code(&mut self) -> String {
        self.pick(&[
            "explained",
            "keep_agreed",
            "share_added",
            "map_opened",
            "x1",
        ])
        .to_owned()
    }

    fn recipient(&mut self) -> Recipient {
        Recipient {
            role: self.text(1, 80, false),
            team: self.text(1, 80, false),
            age_recipient: self.chance(50).then(|| "age1qqqq".to_owned()),
        }
    }
}

fn random_session(rng: &mut Rng, rings: usize) -> SessionVersion {
    let token_count = rng.below(25);
    let tokens: Vec<Token> = (0..token_count)
        .map(|i| Token {
            id: format!("t{i}"),
            kind: [
                TokenKind::Peer,
                TokenKind::Family,
                TokenKind::Adult,
                TokenKind::Professional,
                TokenKind::Other,
            ][rng.below(5)],
            ring: if rng.chance(20) {
                None
            } else {
                u8::try_from(rng.below(rings)).ok()
            },
            angle: rng.angle(),
            colour: rng
                .pick(&["orange", "sky", "green", "blue", "dark-red_2"])
                .to_owned(),
            shape: rng.pick(&SHAPES).to_owned(),
            initials: rng.chance(70).then(|| rng.initials()),
            descriptor: rng.chance(50).then(|| rng.text(1, 60, false)),
            badges: (0..rng.below(3)).map(|b| format!("badge_{b}")).collect(),
            private: rng.chance(20),
        })
        .collect();
    let mut links = Vec::new();
    let mut seen = BTreeSet::new();
    if token_count >= 2 {
        for _ in 0..rng.below(10) {
            let (a, b) = (rng.below(token_count), rng.below(token_count));
            if a != b && seen.insert((a.min(b), a.max(b))) {
                links.push(Link {
                    a: format!("t{a}"),
                    b: format!("t{b}"),
                    kind: "knows".to_owned(),
                });
            }
        }
    }
    let groups = (0..rng.below(4))
        .map(|g| Group {
            id: format!("g{g}"),
            label: rng.text(1, 40, false),
            members: (0..token_count)
                .filter(|_| rng.chance(30))
                .map(|t| format!("t{t}"))
                .collect(),
        })
        .collect();
    let places = (0..rng.below(4))
        .map(|p| Place {
            id: format!("p-{p}"),
            label: rng.text(1, 40, false),
        })
        .collect();
    let notes = (0..rng.below(4))
        .map(|n| Note {
            id: format!("note_{n}"),
            by: if rng.chance(50) {
                Author::YoungPerson
            } else {
                Author::Practitioner
            },
            text: rng.text(1, 400, true),
            private: rng.chance(50),
        })
        .collect();
    SessionVersion {
        session_at: rng.time(),
        me: Me {
            colour: rng.pick(&["blue", "pink"]).to_owned(),
            shape: rng.pick(&SHAPES).to_owned(),
            initials: rng.chance(50).then(|| rng.initials()),
        },
        tokens,
        links,
        groups,
        places,
        notes,
    }
}

fn random_document(rng: &mut Rng) -> MapDocument {
    let ring_count = 3 + rng.below(3);
    let rings = (0..ring_count)
        .map(|_| Ring {
            label: rng.text(1, 40, false),
        })
        .collect();
    let versions = (0..1 + rng.below(3))
        .map(|_| random_session(rng, ring_count))
        .collect();
    let shares: Vec<Share> = (0..rng.below(3))
        .map(|s| Share {
            id: format!("s{s}"),
            recipient: rng.recipient(),
            purpose: rng.text(1, 500, true),
            agreed_at: rng.time(),
            expires_at: rng.chance(50).then(|| rng.time()),
            withdrawn_at: rng.chance(30).then(|| rng.time()),
        })
        .collect();
    let history = (0..rng.below(5))
        .map(|_| ConsentEvent {
            at: rng.time(),
            event: rng.code(),
            share_id: if shares.is_empty() || rng.chance(50) {
                None
            } else {
                Some(format!("s{}", rng.below(shares.len())))
            },
        })
        .collect();
    let disclosures = if shares.is_empty() {
        Vec::new()
    } else {
        (0..rng.below(3))
            .map(|_| Disclosure {
                at: rng.time(),
                share_id: format!("s{}", rng.below(shares.len())),
                recipient: rng.recipient(),
                included: vec!["map".to_owned()],
                export_sha256: rng.chance(50).then(|| "0f".repeat(32)),
                status: rng.code(),
            })
            .collect()
    };
    MapDocument {
        format: FORMAT.to_owned(),
        version: CURRENT_VERSION,
        app: "0.1.0".to_owned(),
        id: Uuid::from_u128((u128::from(rng.next()) << 64) | u128::from(rng.next())),
        created_at: rng.time(),
        updated_at: rng.time(),
        label: rng.text(1, 60, false),
        purpose: if rng.chance(20) {
            String::new()
        } else {
            rng.text(1, 500, true)
        },
        rings,
        versions,
        consent: Consent {
            explained: rng.chance(70).then(|| Explained {
                confidentiality: rng.chance(80),
                storage_and_access: rng.chance(80),
                at: rng.time(),
            }),
            keep_copy: rng.chance(60).then(|| KeepCopy {
                agreed: rng.chance(70),
                by: if rng.chance(80) {
                    ConsentBy::YoungPerson
                } else {
                    ConsentBy::ParentCarer
                },
                by_reason: rng.chance(30).then(|| rng.text(1, 500, true)),
                understanding_note: rng.chance(30).then(|| rng.text(1, 1000, true)),
                at: rng.time(),
            }),
            lawful_basis: rng.chance(50).then(|| rng.text(1, 500, true)),
            shares,
            history,
        },
        retention: Retention {
            until: rng.time(),
            policy: rng.pick(&["draft", "default"]).to_owned(),
            extensions: (0..rng.below(3))
                .map(|_| Extension {
                    at: rng.time(),
                    until: rng.time(),
                    reason: rng.text(1, 500, true),
                })
                .collect(),
        },
        disclosures,
        audit: (0..rng.below(6))
            .map(|_| AuditEntry {
                at: rng.time(),
                event: rng.code(),
            })
            .collect(),
    }
}

/// What a document reads back as: the same, with angles at their stored precision.
fn as_stored(doc: &MapDocument) -> MapDocument {
    let mut doc = doc.clone();
    for session in &mut doc.versions {
        for token in &mut session.tokens {
            token.angle = canonical_angle(token.angle);
        }
    }
    doc
}

#[test]
fn random_valid_documents_round_trip_unchanged() {
    for seed in 1..=300u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let doc = random_document(&mut rng);
        if let Err(err) = doc.validate() {
            panic!("seed {seed}: generated an invalid document: {err}");
        }
        let json = doc.to_json().expect("to_json");
        let back = restore(&json).unwrap_or_else(|err| panic!("seed {seed}: {err}"));
        assert!(
            back == as_stored(&doc),
            "seed {seed}: changed in a round trip"
        );
        let again = back.to_json().expect("to_json again");
        assert!(*again == *json, "seed {seed}: second write differs");
    }
}
