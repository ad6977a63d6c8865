//! `evaluate SETUP REVIEW [--out F]`: a review accepted only if the set-up's key signed it,
//! for the set-up's cluster, year and table, and the award evaluation printed as the app's
//! report.

use std::process::ExitCode;

use thidua::bundle::identity::{fingerprint, fingerprint_of_hex};
use thidua::bundle::review::open_review;
use thidua::bundle::{BundleError, PayloadType};
use thidua::engine::Lang;
use thidua::report::results::{results, results_text};

use crate::args::{split_options, usage};
use crate::check::{head_workspace, kind_of, short_id};
use crate::output::{failed, put_line, read_error, stderr, write_output, OK};

pub(crate) fn evaluate_command(args: &[String], lang: Lang) -> ExitCode {
    let (files, options) = match split_options(args, &["--out"], lang) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let out_path = options.get("--out").copied();
    let [setup_path, review_path] = files[..] else {
        return usage(
            lang,
            Some(match lang {
                Lang::Vi => {
                    "Lệnh evaluate cần đúng hai tệp: tệp thiết lập cụm, rồi tệp kết quả thẩm định."
                        .into()
                }
                Lang::En => {
                    "evaluate needs exactly two files: the cluster set-up, then the review.".into()
                }
            }),
        );
    };
    let order_hint = match lang {
        Lang::Vi => "Thứ tự các tệp: thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH (tệp thiết lập cụm trước, tệp kết quả thẩm định sau).",
        Lang::En => "Order of the files: thidua-cli evaluate SETUP_FILE REVIEW_FILE (the cluster set-up first, then the review).",
    };

    let (ws, _, setup) = match head_workspace(setup_path, lang) {
        Ok(v) => v,
        Err(reason) => {
            put_line(&mut stderr(), &format!("FAIL {setup_path}  {reason}"));
            if kind_of(setup_path) == Some(PayloadType::ClusterReview) {
                put_line(&mut stderr(), order_hint);
            }
            return failed();
        }
    };
    let head_key = setup.signer_hex();
    put_line(
        &mut stderr(),
        &format!(
            "OK   {setup_path}  {} {} {} id={} signer={}",
            setup.kind.name(),
            ws.cluster.id,
            ws.cluster.year,
            short_id(&setup.id),
            fingerprint(&setup.signer)
        ),
    );

    let opened = std::fs::read(review_path)
        .map_err(|e| (read_error(review_path, &e, lang), false))
        .and_then(|bytes| {
            open_review(&ws.cluster, &ws.table, &head_key, &bytes).map_err(|e| {
                let swapped = matches!(
                    e,
                    BundleError::WrongType {
                        found: PayloadType::ClusterSetup,
                        ..
                    }
                );
                (e.message(lang), swapped)
            })
        });
    let (id, review) = match opened {
        Ok(v) => v,
        Err((reason, swapped)) => {
            put_line(&mut stderr(), &format!("FAIL {review_path}  {reason}"));
            if swapped {
                put_line(&mut stderr(), order_hint);
            }
            return failed();
        }
    };
    let report = match results(&ws.cluster, &ws.table, &review, lang) {
        Ok(r) => r,
        Err(errs) => {
            let list: Vec<String> = errs.iter().map(|e| e.message(lang)).collect();
            put_line(
                &mut stderr(),
                &format!(
                    "FAIL {review_path}  {}",
                    match lang {
                        Lang::Vi => format!("Không bình xét được: {}", list.join(" ")),
                        Lang::En => format!("Cannot evaluate: {}", list.join(" ")),
                    }
                ),
            );
            return failed();
        }
    };
    put_line(
        &mut stderr(),
        &format!(
            "OK   {review_path}  {} {} {} r{} id={} signer={} ({})",
            PayloadType::ClusterReview.name(),
            review.cluster_id,
            review.year,
            review.revision,
            short_id(&id),
            fingerprint_of_hex(&head_key).unwrap_or_default(),
            match lang {
                Lang::Vi => "khoá của Cụm trưởng trong hồ sơ thiết lập",
                Lang::En => "the head's key from the set-up",
            }
        ),
    );
    if write_output(out_path, &results_text(&report, lang), lang) {
        OK
    } else {
        failed()
    }
}
