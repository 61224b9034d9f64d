//! Every sentence the export writes that is not map content, in plain, warm British English.

use time::OffsetDateTime;

/// "12 February 2026" (UTC date).
pub(crate) fn date(at: OffsetDateTime) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(usize::from(u8::from(at.month())).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", at.day(), at.year())
}

/// One link in words.
pub(crate) fn link_sentence(a: &str, b: &str, kind: &str) -> String {
    match kind {
        "knows" => format!("{a} and {b} know each other."),
        other => format!(
            "{a} and {b} are linked ({}).",
            other.replace(['_', '-'], " ")
        ),
    }
}

pub(crate) fn answers_intro() -> &'static str {
    "During the session the young person was asked these questions and chose the people \
     who fit. Numbers match the map and the legend."
}

pub(crate) mod sentences {
    pub(crate) const HOW_TO_READ: [&str; 4] = [
        "The young person is in the middle. The rings show how close each person feels to \
         them: the nearer the middle, the closer.",
        "Nobody is named. Each person is a colour and a shape the young person chose, with \
         initials or a few words such as “cousin”. The number beside each person matches the \
         legend on the next pages.",
        "Lines join people who know each other. A soft coloured band joins people in the same \
         group. A small yellow dot with a number shows how many questions that person was \
         chosen for (grey when the answers were about worries).",
        "Where the map is crowded, a few words may be left off the picture, but everyone \
         shown is described in full in the legend.",
    ];

    pub(crate) const LEGEND_INTRO: &str =
        "Each person in the young person's words, ring by ring from the middle. The shape and \
         colour are the ones on the map.";

    pub(crate) const LEFT_OUT: &str =
        "Anything the young person chose to keep private, or asked to leave out of this copy, \
         is not included.";

    pub(crate) const SAFETY_ONLY: &str =
        "This copy is shared with you only to help keep the young person safe and supported. \
         Please don't pass it on or use it for anything else, keep it somewhere secure, and \
         delete it by the date above.";

    pub(crate) const FOOTER: &str = "Shared for the young person's safety and support only";

    /// The young person's own copy: a heading line and the footer.
    pub(crate) const OWN_COPY: &str = "Your own copy of your peer map";

    pub(crate) const OWN_COPY_ABOUT: [&str; 3] = [
        "This is your own copy. It is yours to keep, print or throw away.",
        "Anything you chose to keep private is not in it.",
        "Nobody else gets this copy from Peer Map. Keep it somewhere only you can get to if \
         you don't want other people to see it.",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_read_the_british_way() {
        assert_eq!(date(datetime!(2026-02-12 16:30 UTC)), "12 February 2026");
    }
}
