//! The picture uses the palette's colours and nothing else.
use std::collections::HashSet;

use time::macros::datetime;

use super::super::assets::assets;
use super::super::ExportOptions;
use super::*;
use crate::document::{Group, Link, MapDocument, Token, TokenKind};

/// A map that uses every palette colour and shape, links, groups and both badge tones.
fn busy_map() -> MapDocument {
    let now = datetime!(2026-01-05 10:00 UTC);
    let mut doc = MapDocument::new(uuid::Uuid::nil(), "Test map", "", now, now).expect("new map");
    let a = assets().expect("assets");
    let session = doc.versions.last_mut().expect("a session");
    let badges = [
        vec!["support-listens".to_owned()],
        vec!["worries-uneasy".to_owned()],
    ];
    for (i, (colour, shape)) in a.colour_ids().zip(a.shape_ids().cycle()).enumerate() {
        session.tokens.push(Token {
            id: format!("t{i}"),
            kind: TokenKind::Peer,
            ring: Some((i % 4) as u8),
            angle: (i * 45) as f64,
            colour: colour.to_owned(),
            shape: shape.to_owned(),
            initials: Some("AB".to_owned()),
            descriptor: Some("friend".to_owned()),
            badges: badges[i % 2].clone(),
            private: false,
        });
    }
    session.links.push(Link {
        a: "t0".to_owned(),
        b: "t1".to_owned(),
        kind: "knows".to_owned(),
    });
    for g in 0..3 {
        session.groups.push(Group {
            id: format!("g{g}"),
            label: "football".to_owned(),
            members: vec![format!("t{g}"), format!("t{}", g + 3)],
        });
    }
    doc.validate().expect("valid map");
    doc
}

fn hex_colours(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'#')
        .filter_map(|i| {
            let run: String = text[i + 1..]
                .chars()
                .take_while(char::is_ascii_hexdigit)
                .collect();
            (run.len() == 3 || run.len() == 6).then(|| format!("#{run}").to_lowercase())
        })
        .collect()
}

#[test]
fn the_picture_uses_palette_colours_only() {
    let a = assets().expect("assets");
    let doc = busy_map();
    let content = Content::build(&doc, None, &ExportOptions::new(doc.created_at)).expect("content");
    let svg = map_svg(&content, a);
    let allowed: HashSet<String> = hex_colours(include_str!("../../../../../assets/palette.json"))
        .into_iter()
        .collect();
    let used: HashSet<String> = hex_colours(&svg).into_iter().collect();
    assert!(used.len() > 10, "{used:?}");
    for colour in &used {
        assert!(allowed.contains(colour), "{colour} is not in palette.json");
    }
    for colour in [
        &a.map.ink,
        &a.map.link,
        &a.map.line,
        &a.map.badges.strength.fill,
    ] {
        assert!(used.contains(&colour.to_lowercase()), "{colour} unused");
    }
    for i in 0..doc.rings.len() {
        assert!(svg.contains(a.map.ring_fill(i)), "ring {i}");
    }
}

#[test]
fn no_colour_is_written_in_the_drawing_code() {
    for (file, source) in [
        ("svg.rs", include_str!("../svg.rs")),
        ("svg/layout.rs", include_str!("layout.rs")),
        ("svg/text.rs", include_str!("text.rs")),
    ] {
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        let found = hex_colours(code);
        assert!(
            found.is_empty(),
            "{file} writes {found:?}; use assets/palette.json"
        );
    }
}
