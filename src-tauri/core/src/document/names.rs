//! A hint, never a rule: does some text look like a person's full name?
//!
//! The UI asks this (the `looks_like_name` command) to suggest, gently, using initials or a
//! descriptor instead. It must never block saving, so it can afford to be wrong now and then;
//! it tries hardest not to nag about ordinary descriptions ("best friend", "youth worker").
//!
//! Two words next to each other look like a name when:
//! 1. a title comes before a name-shaped word: "Mr Jones", "mrs patel", "Dr Okafor";
//! 2. a family word comes before a first name: "Uncle Dave", "Auntie Sue", "cousin jo";
//! 3. both are capitalised and neither is a descriptor or a common word: "Jamie Smith";
//! 4. in any case, a common first name comes before a common surname or a surname-shaped word
//!    (Mc…, O'…, …son, …ley, …ton, …field): "jamie smith", "JAMIE SMITH", "kai o'neill".
//!
//! All-capital short words are initials ("JS BFF"), a single word is never a full name, and
//! scripts without capital letters only match rules 1, 2 and 4 through the word lists.

mod words;

use words::{COMMON_WORDS, DESCRIPTOR_WORDS, FAMILY_WORDS, FIRST_NAMES, SURNAMES, TITLES};

use super::validate::rules::rules;

/// True when `text` contains two words in a row that look like a name (see the module notes).
pub fn looks_like_full_name(text: &str) -> bool {
    let trimmed = text.trim().to_lowercase();
    if rules()
        .descriptor_names
        .iter()
        .any(|preset| preset.to_lowercase() == trimmed)
    {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '!' | '?' | '/')
        })
        .filter(|word| !word.is_empty())
        .collect();
    words.windows(2).any(|pair| match pair {
        [first, second] => pair_looks_like_a_name(first, second),
        _ => false,
    })
}

fn pair_looks_like_a_name(first: &str, second: &str) -> bool {
    let (a, b) = (first.to_lowercase(), second.to_lowercase());
    if !name_chars(first) || !name_chars(second) || letters(second) < 2 {
        return false;
    }
    if is_common(&b) || DESCRIPTOR_WORDS.contains(&b.as_str()) || TITLES.contains(&b.as_str()) {
        return false;
    }
    // 1. "Mr Jones", "mrs patel".
    if TITLES.contains(&a.as_str()) {
        return true;
    }
    // 2. "Uncle Dave", "cousin jo".
    if FAMILY_WORDS.contains(&a.as_str()) {
        return capitalised(second) || is_first_name(&b);
    }
    if is_common(&a) || DESCRIPTOR_WORDS.contains(&a.as_str()) || letters(first) < 2 {
        return false;
    }
    // 3. "Jamie Smith", "Aoife O'Neill".
    if capitalised(first) && capitalised(second) {
        return true;
    }
    // 4. "jamie smith", "JAMIE SMITH", "Jamie smith".
    is_first_name(&a) && (is_surname(&b) || surname_shaped(&b))
}

/// Letters, with apostrophes and hyphens inside ("O'Neill", "Mary-Jane").
fn name_chars(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
}

fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// First letter upper case and at least one lower-case letter after it: "Jamie", "McDonald",
/// not "JS" or "jamie".
fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

fn is_common(lower: &str) -> bool {
    COMMON_WORDS.contains(&lower)
}

/// A first name, or a hyphenated one that starts with one ("mary-jane").
fn is_first_name(lower: &str) -> bool {
    FIRST_NAMES.contains(&lower)
        || lower
            .split_once('-')
            .is_some_and(|(head, _)| FIRST_NAMES.contains(&head))
}

fn is_surname(lower: &str) -> bool {
    SURNAMES.contains(&lower)
}

/// Mc…, O'…, and common surname endings, long enough not to be a short word.
fn surname_shaped(lower: &str) -> bool {
    let n = lower.chars().count();
    let prefixed = (lower.starts_with("mc") && n >= 5)
        || ((lower.starts_with("o'") || lower.starts_with("o’")) && n >= 4);
    let suffixed = n >= 6
        && [
            "son", "sen", "ton", "ley", "field", "ford", "wood", "worth", "berg",
        ]
        .iter()
        .any(|end| lower.ends_with(end));
    prefixed || suffixed
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
            "my mate Jamie Smith",
            "Zoë Ålander",
            "Mr Patel",
            "Mr Jones",
            "mr jones",
            "Mrs Begum from next door",
            "Dr Okafor",
        ] {
            assert!(looks_like_full_name(text), "{text}");
        }
    }

    #[test]
    fn a_family_word_before_a_name_looks_like_one() {
        for text in [
            "Uncle Dave",
            "uncle dave",
            "Auntie Sue",
            "aunty sue",
            "Cousin Jo",
            "cousin jo",
            "Nan Pat",
            "my Uncle Dave",
            "Grandad Bill",
        ] {
            assert!(looks_like_full_name(text), "{text}");
        }
    }

    #[test]
    fn lower_case_and_shouting_full_names_are_caught() {
        for text in [
            "jamie smith",
            "JAMIE SMITH",
            "Jamie smith",
            "kai o'neill",
            "ella mcdonald",
            "mary-jane mcdonald",
            "tom jackson",
            "olivia brown",
            "met liam walker today",
            "sophie ashley",
            "leo fairfield",
        ] {
            assert!(looks_like_full_name(text), "{text}");
        }
    }

    #[test]
    fn descriptors_initials_and_nicknames_do_not() {
        for text in [
            "best friend",
            "Best Friend",
            "Best friend",
            "JS",
            "J S",
            "JS BFF",
            "Big Mo",
            "Nan",
            "Jamie",
            "",
            "🙂 Mo",
            "Mr",
            "حسن علي",
            "Football Coach",
            "Youth worker",
            "Youth Worker",
        ] {
            assert!(!looks_like_full_name(text), "{text}");
        }
    }

    #[test]
    fn the_preset_descriptors_never_look_like_names() {
        for preset in &super::rules().descriptor_names {
            assert!(!looks_like_full_name(preset), "{preset}");
            assert!(!looks_like_full_name(&preset.to_uppercase()), "{preset}");
            let title: String = preset
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            assert!(!looks_like_full_name(&title), "{title}");
        }
    }

    #[test]
    fn every_word_of_a_preset_is_a_known_word() {
        for preset in &super::rules().descriptor_names {
            for word in preset.to_lowercase().split_whitespace() {
                assert!(
                    super::DESCRIPTOR_WORDS.contains(&word) || super::COMMON_WORDS.contains(&word),
                    "{word} (from {preset}) belongs in names/words.rs"
                );
            }
        }
    }

    #[test]
    fn ordinary_descriptions_and_phrases_do_not() {
        for text in [
            "older cousin",
            "Older Cousin",
            "youth worker",
            "social worker",
            "school friend",
            "online friend",
            "step dad",
            "Step Dad",
            "half brother",
            "foster carer",
            "key worker",
            "form tutor",
            "Form Tutor",
            "support worker",
            "family friend",
            "mum's friend",
            "my brother",
            "big sister",
            "little brother",
            "friend from school",
            "friend from football",
            "the lad from the park",
            "someone at the youth club",
            "boxing coach",
            "dinner lady",
            "bus driver",
            "mum",
            "dad and mum",
            "nan and grandad",
            "uncle",
            "my uncle",
            "auntie's partner",
            "best mate",
            "I miss you",
            "miss them a lot",
            "Miss you",
            "we fell out",
            "Sees them at weekends",
            "Plays Fortnite together",
            "goes to the same church",
            "jamie from school",
            "jamie and sam",
            "will help me",
            "mark my words",
            "grace at church",
            "feels safe with them",
            "person at school",
            "they make me laugh",
            "JS, best friend",
            "Online Friend",
            "Neighbour",
            "Teammate",
        ] {
            assert!(!looks_like_full_name(text), "{text}");
        }
    }
}
