//! Analyses: what the profile means, one module per family, computed once after the pass and
//! read by the checks and the report. `fairness` today; `text` and `compare` will be siblings.
//! [`stats`] holds the pure statistics they share.

pub mod compare;
pub mod fairness;
pub mod stats;
pub mod text;

use crate::error::{Error, ErrorKind, Position};
use crate::options::Options;
use crate::profile::groups::MAX_CLASSES;
use crate::profile::Profile;

/// Everything the analyses found.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub fairness: fairness::BiasReport,
    pub text: text::TextReport,
    /// Problems with the options that only the data could show (an outcome that is not a class).
    pub issues: Vec<Error>,
}

/// Runs every analysis on a finished profile.
pub fn run(p: &Profile, opts: &Options) -> Analysis {
    // The favourable value, when given, is the class compared (its rate is the one the
    // four-fifths rule reads); it takes precedence over `outcome`.
    let (asked, what) = match (opts.favourable.as_deref(), opts.outcome.as_deref()) {
        (Some(f), _) => (Some(f), "favourable value"),
        (None, o) => (o, "outcome"),
    };
    let fairness = fairness::analyze(p, asked);
    let mut issues = Vec::new();
    let label_in_play = p.groups.as_ref().is_some_and(|g| g.label.is_some());
    if let (Some(o), Some(lc), true) = (asked, p.label_classes.as_ref(), label_in_play) {
        if lc.index.get(o).filter(|&i| i < MAX_CLASSES).is_none() {
            let classes: Vec<&str> = lc.index.names.iter().take(MAX_CLASSES).map(String::as_str).collect();
            issues.push(Error::new(
                ErrorKind::UnknownClass,
                Position { byte: 0, line: 1, record: 0 },
                format!(
                    "{what} '{o}' is not a class of the label; classes are: {} (the automatic choice was used)",
                    classes.join(", ")
                ),
            ));
        }
    }
    Analysis { fairness, text: text::analyze(p), issues }
}
