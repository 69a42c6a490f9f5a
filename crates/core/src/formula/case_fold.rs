//! Case folding for Excel's case-insensitive text comparison, without
//! Unicode's conversion tables (about 12 KB of wasm).
//!
//! Folds the letters business text uses: ASCII, Latin-1, Latin Extended-A,
//! Greek and Cyrillic. Letters of other scripts compare exactly (most have
//! no case). Nothing here allocates except `fold`'s result.

/// The lower-case form of `c` in the ranges above; other characters as they are.
pub fn fold_char(c: char) -> char {
    let code = c as u32;
    let folded = match code {
        0x41..=0x5A => code + 0x20,                 // A-Z
        0xC0..=0xDE if code != 0xD7 => code + 0x20, // À-Þ except ×
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x178 => 0xFF,                                 // Ÿ → ÿ
        0x391..=0x3A9 if code != 0x3A2 => code + 0x20, // Α-Ω
        0x386 => 0x3AC,
        0x388..=0x38A => code + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => code + 0x3F,
        0x400..=0x40F => code + 0x50, // Ѐ-Џ
        0x410..=0x42F => code + 0x20, // А-Я
        _ => code,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// `text` with every character folded by [`fold_char`].
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        folded.push(fold_char(c));
    }
    folded
}

/// Compares two texts case-insensitively, character by character.
pub fn compare_folded(left: &str, right: &str) -> std::cmp::Ordering {
    left.chars()
        .map(fold_char)
        .cmp(right.chars().map(fold_char))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_letters_business_text_uses_as_unicode_does() {
        let samples = "ABCXYZÀÉÎÕÜÞÆÇÑØĀĂĐĒĞĦĲĹĽŁŃŇŊŐŒŘŚŞŠŢŦŪŮŰŹŻŽŸΑΒΓΔΩΆΈΉΊΌΎΏАБВЯЀЁЂЏ";
        for c in samples.chars() {
            let expected: String = c.to_lowercase().collect();
            assert_eq!(
                fold_char(c).to_string(),
                expected,
                "{c} (U+{:04X})",
                c as u32
            );
        }
        for c in "abcé×ßıĸŉſ€1 ".chars() {
            assert_eq!(fold_char(c), c, "{c} must stay as it is");
        }
    }

    #[test]
    fn compares_case_insensitively() {
        assert!(!compare_folded("Straße", "strasse").is_eq());
        assert!(compare_folded("ÉTÉ", "été").is_eq());
        assert!(compare_folded("МОСКВА", "москва").is_eq());
        assert!(compare_folded("apple", "Banana").is_lt());
    }
}
