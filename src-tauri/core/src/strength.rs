//! How strong a proposed vault passphrase is, with plain feedback.
//!
//! A forgotten passphrase cannot be recovered, and a weak one protects nothing, so creating a
//! vault (or changing the passphrase) requires at least [`MIN_CHARS`] characters and a zxcvbn
//! score of at least [`MIN_SCORE`]. The feedback never repeats the passphrase.

use serde::Serialize;

/// The fewest characters a passphrase may have.
pub const MIN_CHARS: usize = 12;

/// The lowest acceptable zxcvbn score (0–4).
pub const MIN_SCORE: u8 = 3;

/// zxcvbn's cost grows quickly with length; anything this long is judged on its start.
const ESTIMATE_CHARS: usize = 100;

/// Words that make a passphrase easier to guess for someone who knows the app.
const APP_WORDS: &[&str] = &["peer", "map", "peermap", "peer map", "vault", "passphrase"];

/// The verdict on a proposed passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// zxcvbn's estimate, 0 (very guessable) to 4 (very hard to guess).
    pub score: u8,
    /// Whether Peer Map accepts it.
    pub acceptable: bool,
    /// Plain-English hints, most useful first. Never contains the passphrase.
    pub feedback: Vec<String>,
}

/// Judge a proposed passphrase.
pub fn passphrase_strength(passphrase: &str) -> Strength {
    let chars = passphrase.chars().count();
    let judged: String = passphrase.chars().take(ESTIMATE_CHARS).collect();
    let mut feedback = Vec::new();
    let score = if judged.is_empty() {
        0
    } else {
        let entropy = zxcvbn::zxcvbn(&judged, APP_WORDS);
        if let Some(f) = entropy.feedback() {
            if let Some(w) = f.warning() {
                feedback.push(w.to_string());
            }
            feedback.extend(f.suggestions().iter().map(|s| s.to_string()));
        }
        u8::from(entropy.score())
    };
    if chars < MIN_CHARS {
        feedback.insert(
            0,
            format!("Use at least {MIN_CHARS} characters. A few unrelated words make a good passphrase."),
        );
    } else if score < MIN_SCORE && feedback.is_empty() {
        feedback.push("This would be too easy to guess. Add another uncommon word or two.".into());
    }
    let acceptable = chars >= MIN_CHARS && score >= MIN_SCORE;
    Strength {
        score,
        acceptable,
        feedback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_are_refused_with_reasons() {
        for p in ["", "password", "password1234", "peermap12345"] {
            let s = passphrase_strength(p);
            assert!(!s.acceptable, "{p}");
            assert!(!s.feedback.is_empty(), "{p}");
            // ("password" itself may appear in zxcvbn's "common password" hint.)
            assert!(s.feedback.iter().all(|f| p.len() < 10 || !f.contains(p)));
        }
    }

    #[test]
    fn a_few_random_words_are_accepted() {
        let s = passphrase_strength("copper lantern orbit thistle");
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= MIN_SCORE);
    }

    #[test]
    fn long_input_is_fast_enough_and_accepted() {
        let p = "x7Q!".repeat(500);
        let s = passphrase_strength(&p);
        assert!(s.score <= 4);
    }
}
