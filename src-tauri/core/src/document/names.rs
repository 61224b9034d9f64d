//! A hint, never a rule: does some text look like a person's full name?
//!
//! The UI uses this to suggest, gently, using initials or a descriptor instead. It must never
//! block saving, so it can afford to be wrong both ways.

/// Words that describe a relationship or a person without naming them. "Big Mo", "Best Friend"
/// or "Uncle Dave" are nicknames or relationship words plus a first name, not full names.
#[rustfmt::skip]
const DESCRIPTOR_WORDS: &[&str] = &[
    "best", "big", "little", "lil", "old", "older", "young", "younger", "new", "my", "our", "the",
    "mum", "mom", "mam", "dad", "nan", "nana", "nanna", "gran", "granny", "grandma", "grandad",
    "granddad", "grandpa", "auntie", "aunty", "aunt", "uncle", "cousin", "brother", "sister",
    "step", "friend", "friends", "mate", "mates", "bestie", "teacher", "coach", "neighbour",
    "school", "youth", "worker", "social", "team", "club", "football", "boxing", "gym", "home",
    "church", "mosque", "college", "online", "group", "gang", "crew", "girlfriend", "boyfriend",
    "partner", "baby", "twin",
];

/// Titles that, followed by a capitalised word, name someone ("Mr Patel").
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "sir"];

/// True when `text` contains two capitalised words in a row that look like a first name and a
/// surname ("Jamie Smith", "Aoife O'Neill", "Mr Patel"), ignoring common relationship and
/// descriptor words ("Best Friend", "Big Mo", "Uncle Dave" are false). All-capital words are
/// initials, not names ("JS"). Scripts without capital letters never match.
pub fn looks_like_full_name(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|word| !word.is_empty())
        .collect();
    words.windows(2).any(|pair| match pair {
        [first, second] => {
            let first_is_title = TITLES.contains(&first.to_lowercase().as_str());
            is_name_like(second) && (first_is_title || is_name_like(first))
        }
        _ => false,
    })
}

/// Capitalised (first letter upper case, at least one lower-case letter after it), at least
/// two letters, only letters, apostrophes and hyphens, and not a descriptor or title.
fn is_name_like(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    let letters = 1 + rest.iter().filter(|c| c.is_alphabetic()).count();
    let all_name_chars = rest
        .iter()
        .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'));
    let lower = word.to_lowercase();
    letters >= 2
        && all_name_chars
        && rest.iter().any(|c| c.is_lowercase())
        && !DESCRIPTOR_WORDS.contains(&lower.as_str())
        && !TITLES.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::looks_like_full_name;

    #[test]
    fn first_name_and_surname_look_like_a_full_name() {
        for text in [
            "Jamie Smith",
            "Aoife O'Neill",
            "Mary-Jane McDonald",
            "saw Jamie Smith at school",
            "Zoë Ålander",
            "Mr Patel",
        ] {
            assert!(looks_like_full_name(text), "{text}");
        }
    }

    #[test]
    fn descriptors_initials_and_nicknames_do_not() {
        for text in [
            "best friend",
            "Best Friend",
            "JS",
            "J S",
            "JS BFF",
            "Big Mo",
            "Uncle Dave",
            "Nan",
            "jamie smith",
            "Jamie",
            "",
            "🙂 Mo",
            "Mr",
            "حسن علي",
            "Football Coach",
        ] {
            assert!(!looks_like_full_name(text), "{text}");
        }
    }
}
