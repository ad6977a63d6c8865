//! Ids made from Vietnamese names, and names pasted from Excel or Word (`engine::slug`).

use thidua::engine::cluster::{is_slug, MAX_ID_CHARS};
use thidua::engine::{pasted_names, slug, unique_slug};

/// NFD form of a Vietnamese text, written out: base letters and combining marks.
fn nfd(parts: &[(&str, &[char])]) -> String {
    parts
        .iter()
        .map(|(base, marks)| format!("{base}{}", marks.iter().collect::<String>()))
        .collect()
}

#[test]
fn the_precomposed_and_the_decomposed_name_give_one_slug() {
    // "Phường Hà Cầu" with every mark combining: ư = u + horn, à = a + grave,
    // ầ = a + circumflex + grave.
    let decomposed = nfd(&[
        ("Phu", &['\u{31b}']),
        ("o", &['\u{31b}', '\u{300}']),
        ("ng Ha", &['\u{300}']),
        (" Ca", &['\u{302}', '\u{300}']),
        ("u", &[]),
    ]);
    assert_ne!(
        decomposed, "Phường Hà Cầu",
        "the test text really is decomposed"
    );
    assert_eq!(slug(&decomposed), "phuong-ha-cau");
    assert_eq!(slug("Phường Hà Cầu"), "phuong-ha-cau");
    // ễ precomposed, ê + tilde, e + circumflex + tilde.
    for nguyen in ["Nguyễn", "Nguy\u{ea}\u{303}n", "Nguye\u{302}\u{303}n"] {
        assert_eq!(slug(nguyen), "nguyen", "{nguyen:?}");
    }
}

#[test]
fn every_vietnamese_vowel_with_every_tone_loses_its_marks() {
    let vowels = [
        ('a', "aăâ"),
        ('e', "eê"),
        ('i', "i"),
        ('o', "oôơ"),
        ('u', "uư"),
        ('y', "y"),
    ];
    // No tone, huyền, sắc, hỏi, ngã, nặng, as combining marks.
    let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
    let mut seen = 0;
    for (base, letters) in vowels {
        for letter in letters.chars() {
            for tone in tones {
                let decomposed = format!("{letter}{tone}");
                // The precomposed letter, as a keyboard types it, from the table below.
                let composed = compose(letter, tone);
                for text in [decomposed.clone(), composed.clone()] {
                    assert_eq!(slug(&text), base.to_string(), "{text:?}");
                    assert_eq!(slug(&text.to_uppercase()), base.to_string(), "{text:?}");
                }
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 12 * 6);
    assert_eq!(slug("đ Đ"), "d-d");
    assert_eq!(slug("ĐỒNG MAI"), "dong-mai");
}

/// The precomposed Vietnamese letter of a base letter (a, ă, â, …) and a combining tone.
fn compose(letter: char, tone: &str) -> String {
    const ROWS: [(char, &str); 12] = [
        ('a', "aàáảãạ"),
        ('ă', "ăằắẳẵặ"),
        ('â', "âầấẩẫậ"),
        ('e', "eèéẻẽẹ"),
        ('ê', "êềếểễệ"),
        ('i', "iìíỉĩị"),
        ('o', "oòóỏõọ"),
        ('ô', "ôồốổỗộ"),
        ('ơ', "ơờớởỡợ"),
        ('u', "uùúủũụ"),
        ('ư', "ưừứửữự"),
        ('y', "yỳýỷỹỵ"),
    ];
    let i = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"]
        .iter()
        .position(|t| *t == tone)
        .unwrap();
    let row = ROWS.iter().find(|(b, _)| *b == letter).unwrap().1;
    row.chars().nth(i).unwrap().to_string()
}

#[test]
fn a_long_name_is_cut_at_a_hyphen_within_the_limit() {
    let name = "Ủy ban nhân dân phường Phúc La thuộc quận Hà Đông thành phố Hà Nội Việt Nam";
    let s = slug(name);
    assert!(s.len() <= MAX_ID_CHARS, "{s}");
    assert!(is_slug(&s) && !s.ends_with('-'), "{s}");
    assert!(s.starts_with("uy-ban-nhan-dan-phuong-phuc-la"), "{s}");
    // Cut between words, never inside one.
    assert!(
        slug(&name.replace(' ', "-")).len() <= MAX_ID_CHARS
            && "uy-ban-nhan-dan-phuong-phuc-la-thuoc-quan-ha-dong-thanh-pho-ha-noi-viet-nam"
                .split('-')
                .any(|w| s.ends_with(&format!("-{w}")))
    );
    // One long word is cut at the limit.
    let word = "a".repeat(100);
    assert_eq!(slug(&word), "a".repeat(MAX_ID_CHARS));
}

#[test]
fn a_name_without_letters_gives_the_fallback_and_taken_ids_get_numbers() {
    assert_eq!(unique_slug("???", "don-vi", |_| false), "don-vi");
    assert_eq!(unique_slug("Phường 1", "don-vi", |_| false), "phuong-1");
    let taken = ["phuong-1", "phuong-1-2"];
    assert_eq!(
        unique_slug("Phường 1", "don-vi", |id| taken.contains(&id)),
        "phuong-1-3"
    );
    // A name at the limit still gets its number within the limit.
    let long = "b".repeat(80);
    let id = unique_slug(&long, "don-vi", |id| id == "b".repeat(64));
    assert_eq!(id.len(), MAX_ID_CHARS);
    assert!(id.ends_with("-2") && is_slug(&id), "{id}");
}

#[test]
fn a_paste_from_excel_takes_the_name_column_not_the_stt() {
    let text = "1\tUBND phường Hà Cầu\t\r\n2\t  UBND  phường   Kiến Hưng\tmới\r\n\r\n3\tUBND phường Phú La\r\n\t\t\r\n";
    assert_eq!(
        pasted_names(text),
        [
            "UBND phường Hà Cầu",
            "UBND phường Kiến Hưng",
            "UBND phường Phú La"
        ]
    );
    // A header row is a row like the others: its first cell with a letter comes through (the
    // form shows the list before it is added).
    assert_eq!(
        pasted_names("STT\tTên đơn vị\n1\tPhường A"),
        ["STT", "Phường A"]
    );
}

#[test]
fn a_word_list_loses_its_numbering_and_bullets_and_keeps_its_diacritics() {
    let text = "1. UBND phường Hà Cầu\n2) UBND phường Vạn Phúc\n12 - Trường THCS Lê Lợi\na) Đảng ủy phường\n- Hội Phụ nữ\n+ Đoàn Thanh niên\n• Công an phường\n– Mặt trận Tổ quốc\n\n   \n4.\n";
    assert_eq!(
        pasted_names(text),
        [
            "UBND phường Hà Cầu",
            "UBND phường Vạn Phúc",
            "Trường THCS Lê Lợi",
            "Đảng ủy phường",
            "Hội Phụ nữ",
            "Đoàn Thanh niên",
            "Công an phường",
            "Mặt trận Tổ quốc"
        ]
    );
    // Old Mac line ends, a name that ends in a number, a non-breaking space.
    assert_eq!(
        pasted_names("Phường 12\rPhường\u{a0}13\r"),
        ["Phường 12", "Phường 13"]
    );
    assert!(pasted_names("\n\r\n1\n2.\n\t\t\n").is_empty());
}
