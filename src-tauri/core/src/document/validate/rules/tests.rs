//! The rules load from the embedded assets, and no limit is written twice.
use super::*;

#[test]
fn the_embedded_assets_load() {
    let rules = load(LIMITS_JSON, PALETTE_JSON).expect("embedded limits and palette");
    assert!(rules.min_rings >= 1 && rules.min_rings <= rules.max_rings);
    assert!(rules.ids.allows("tok_0a-Z"));
    assert!(!rules.ids.allows(""));
    assert!(!rules.ids.allows("a b"));
    assert!(!rules.ids.allows(&"a".repeat(rules.ids.max + 1)));
    assert!(rules.colour_ids.allows("blue"));
    assert!(!rules.colour_ids.allows("#FF0000"));
    assert!(!rules.colour_ids.allows("1blue"));
    assert!(rules.codes.allows("keep_copy_2"));
    assert!(!rules.codes.allows("Keep"));
    assert!(!rules.codes.allows("_keep"));
    assert_eq!(SHAPES.len(), rules.shapes.len());
    assert_eq!(DEFAULT_RING_LABELS.len(), 4);
    assert_eq!(
        rules.say.ring_count,
        format!(
            "A map needs {} to {} rings.",
            rules.min_rings, rules.max_rings
        )
    );
}

#[test]
fn malformed_assets_are_refused_with_a_code() {
    assert_eq!(load("{", PALETTE_JSON).err(), Some("limits-json"));
    assert_eq!(load(LIMITS_JSON, "[]").err(), Some("palette-json"));
    let mut palette: serde_json::Value = serde_json::from_str(PALETTE_JSON).expect("palette json");
    palette["rings"]["defaultLabels"]["5"] = serde_json::json!(["Only one"]);
    assert_eq!(
        load(LIMITS_JSON, &palette.to_string()).err(),
        Some("palette-ring-labels")
    );
    let mut limits: serde_json::Value = serde_json::from_str(LIMITS_JSON).expect("limits");
    limits["id"]["chars"] = "abcé".into();
    assert_eq!(
        load(&limits.to_string(), PALETTE_JSON).err(),
        Some("limits-id-not-ascii")
    );
}

/// Every number in `limits.json` (10 or more, so small ones like 3 stay usable).
fn limit_numbers() -> Vec<u64> {
    fn walk(value: &serde_json::Value, out: &mut Vec<u64>) {
        match value {
            serde_json::Value::Number(n) => out.extend(n.as_u64().filter(|&n| n >= 10)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(LIMITS_JSON).expect("limits json");
    let mut out = Vec::new();
    walk(&value, &mut out);
    out
}

/// The validation code may not spell a limit out again: outside comments, `const`
/// declarations and tests, no integer literal equal to a number in `limits.json`.
#[test]
fn no_limit_is_written_twice_in_the_validation_code() {
    let numbers = limit_numbers();
    let sources = [
        ("validate.rs", include_str!("../../validate.rs")),
        ("validate/consent.rs", include_str!("../consent.rs")),
        ("validate/fields.rs", include_str!("../fields.rs")),
        ("names.rs", include_str!("../../names.rs")),
    ];
    for (file, source) in sources {
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") || line.contains("const ") {
                continue;
            }
            for literal in integer_literals(line) {
                assert!(
                    !numbers.contains(&literal),
                    "{file}:{}: {literal} is a limit; read it from assets/limits.json",
                    n + 1
                );
            }
        }
    }
}

/// Decimal integer literals in a line of Rust (not parts of names, floats or strings).
fn integer_literals(line: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut in_string = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            in_string = !in_string;
        }
        let starts_number = b.is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || b"_.".contains(&bytes[i - 1])));
        if !in_string && starts_number {
            let end = (i..bytes.len())
                .find(|&j| !(bytes[j].is_ascii_digit() || bytes[j] == b'_'))
                .unwrap_or(bytes.len());
            let is_float =
                bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            if !is_float {
                let digits: String = line[i..end].chars().filter(|c| *c != '_').collect();
                out.extend(digits.parse::<u64>().ok());
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

#[test]
fn the_literal_scanner_finds_integers_only() {
    assert_eq!(integer_literals("len() <= 300 && x < 4_000"), [300, 4000]);
    assert_eq!(
        integer_literals("angle < 360.0 && tok_300"),
        Vec::<u64>::new()
    );
    assert_eq!(
        integer_literals(r#"ensure!(ok, "at most 300 people")"#),
        Vec::<u64>::new()
    );
}
