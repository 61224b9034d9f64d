use super::*;

#[test]
fn assets_parse_and_geometry_matches_the_worked_examples() {
    let a = assets().expect("assets");
    let examples: serde_json::Value = serde_json::from_str(PALETTE_JSON).expect("palette json");
    for n in 3..=5 {
        let want = &examples["rings"]["geometryExamples"][n.to_string()];
        let got = a.ring_bounds(n);
        assert_eq!(got.len(), n + 1);
        for (i, b) in got.iter().enumerate() {
            let w = want[i].as_f64().expect("number");
            assert!((b - w).abs() < 1e-4, "n={n} i={i}: {b} vs {w}");
        }
    }
    assert_eq!(a.prompts.len(), 20, "every card in prompts.json has words");
    let listens = a.prompt("support-listens").expect("card");
    assert_eq!(listens.question, "Who really listens when you talk?");
    assert_eq!(listens.badge, "Listens to me");
    assert_eq!(listens.tone, Tone::Strength);
    assert_eq!(a.kind_name("peer"), "Someone my age");
    assert!(a.regular.width("Hello", 10.0) > 10.0);
    assert!(a.font_family.contains("Atkinson"));
}

#[test]
fn every_prompt_card_has_a_question_and_a_badge_name() {
    let file: PromptsFile = serde_json::from_str(PROMPTS_JSON).expect("prompts json");
    let messages = ftl_messages(MAIN_FTL);
    assert!(!file.cards.is_empty());
    for card in &file.cards {
        assert!(file.groups.contains(&card.group), "{}", card.id);
        for key in [
            format!("prompt-{}", card.id),
            format!("prompt-{}-badge", card.id),
        ] {
            assert!(messages.contains_key(&key), "main.ftl lacks {key}");
        }
    }
    let a = assets().expect("assets");
    let ids: Vec<&str> = a.prompts.iter().map(|p| p.id.as_str()).collect();
    let want: Vec<&str> = file.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, want, "every card, in order");
}

#[test]
fn a_card_without_words_or_group_is_refused() {
    let card = |group: &str, id: &str| {
        format!(
            r#"{{"groups":["support"],"cards":[{{"id":"{id}","group":"{group}","tone":"strength"}}]}}"#
        )
    };
    assert!(parse_prompts(&card("support", "support-listens"), MAIN_FTL).is_ok());
    assert!(parse_prompts(&card("nowhere", "support-listens"), MAIN_FTL).is_err());
    assert!(parse_prompts(&card("support", "no-such-card"), MAIN_FTL).is_err());
    assert!(parse_prompts(
        r#"{"groups":[],"cards":[{"id":"x","group":"x","tone":"loud"}]}"#,
        MAIN_FTL
    )
    .is_err());
}
