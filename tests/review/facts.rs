//! Facts recorded with their source document.

use crate::support::{date, source};
use thidua::engine::evaluation::Sourced;
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{Review, ReviewError};

#[test]
fn facts_are_recorded_with_their_source_document() {
    let mut review = Review::default();
    let rating = |doc: &str| {
        FactEntry::Rating(Some(Sourced {
            value: PartyRating::Excellent,
            source: source(doc, "2025-12-10"),
        }))
    };
    assert_eq!(review.set_fact(rating(" ")), Err(ReviewError::NoDocument));
    assert_eq!(
        review.set_fact(FactEntry::YesNo(
            "under_inspection",
            Some(Sourced {
                value: true,
                source: source("", "2025-10-01"),
            })
        )),
        Err(ReviewError::NoDocument)
    );
    assert_eq!(
        review.set_fact(FactEntry::YesNo("lucky", None)),
        Err(ReviewError::UnknownFact {
            name: "lucky".into()
        })
    );
    assert_eq!(
        review.set_fact(rating(&"1".repeat(101))),
        Err(ReviewError::TooLong { max_chars: 100 })
    );
    assert_eq!(review, Review::default());

    review.set_fact(rating("125-TB/ĐU")).unwrap();
    review
        .set_fact(FactEntry::YesNo(
            "under_inspection",
            Some(Sourced {
                value: true,
                source: source("88/QĐ-TTr", "2025-10-01"),
            }),
        ))
        .unwrap();
    let rated = review.facts.party_rating.as_ref().unwrap();
    assert_eq!(rated.value, PartyRating::Excellent);
    assert_eq!(rated.source.document, "125-TB/ĐU");
    assert_eq!(
        review.facts.under_inspection.as_ref().unwrap().source.date,
        date("2025-10-01")
    );
    // Clearing a fact needs no source.
    review.set_fact(FactEntry::Rating(None)).unwrap();
    review
        .set_fact(FactEntry::YesNo("under_inspection", None))
        .unwrap();
    assert_eq!(review, Review::default());
}
