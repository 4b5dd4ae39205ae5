//! Roles: which column is the label, which are sensitive, and which were proposed from their
//! names rather than given. One place for the name lists, the age bins and the resolution, which
//! runs once the columns are known (a CSV header, or a JSON file's first record).

use crate::error::{Error, ErrorKind, Position};
use crate::options::Options;
use serde::Serialize;

/// A column in a role.
#[derive(Clone, Debug, Serialize, PartialEq, serde::Deserialize)]
pub struct Role {
    pub name: String,
    /// Proposed from the column's name (true) or given by the person (false).
    pub proposed: bool,
    /// For sensitive columns: numeric values bucketed (age bins).
    #[serde(skip_serializing_if = "Option::is_none", default, deserialize_with = "crate::wire::opt_names")]
    pub bins: Option<Vec<&'static str>>,
    /// For the label, once the data is read: whether it is numeric (its means are compared
    /// across groups) rather than a set of classes (whose rates are compared).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numeric: Option<bool>,
    /// For a categorical label, once the data is read: its classes (at most
    /// [`MAX_LABEL_CLASSES`]), most common first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classes: Option<Vec<ClassCount>>,
}

impl Role {
    fn new(name: String, proposed: bool, bins: Option<Vec<&'static str>>) -> Role {
        Role { name, proposed, bins, numeric: None, classes: None }
    }
}

/// A label class and its rows.
#[derive(Clone, Debug, Serialize, PartialEq, serde::Deserialize)]
pub struct ClassCount {
    pub value: String,
    pub count: u64,
}

/// The roles in play.
#[derive(Clone, Debug, Default, Serialize, PartialEq, serde::Deserialize)]
pub struct Roles {
    pub label: Option<Role>,
    pub sensitive: Vec<Role>,
}

/// Label classes compared across groups; rarer ones are pooled as "(other)". A label with more
/// distinct values than this that are mostly numbers is taken as numeric.
pub const MAX_LABEL_CLASSES: usize = 20;

/// Age buckets: lower bounds (inclusive) and labels.
pub const AGE_BINS: [(f64, &str); 7] = [
    (f64::NEG_INFINITY, "<18"),
    (18.0, "18-24"),
    (25.0, "25-34"),
    (35.0, "35-44"),
    (45.0, "45-54"),
    (55.0, "55-64"),
    (65.0, "65+"),
];

/// Names (normalised: lower case, `_` ` ` `.` as `-`) proposed as sensitive.
pub const SENSITIVE_NAMES: &[&str] = &[
    "sex",
    "gender",
    "race",
    "ethnicity",
    "ethnic-group",
    "age",
    "religion",
    "nationality",
    "native-country",
    "country-of-birth",
    "citizenship",
    "marital-status",
    "disability",
    "disabled",
];
/// Names proposed as the label.
pub const LABEL_NAMES: &[&str] =
    &["label", "labels", "target", "class", "outcome", "income", "salary", "y", "is-fraud", "churn"];

pub fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace(['_', ' ', '.'], "-")
}

/// Whether a column name matches one of `names`: the whole name, or its last dotted segment
/// (`user.sex` for JSON's flattened keys).
pub fn name_matches(name: &str, names: &[&str]) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    names.contains(&normalise(name).as_str()) || names.contains(&normalise(last).as_str())
}

pub fn is_age(name: &str) -> bool {
    let n = normalise(name);
    n == "age" || n.starts_with("age-") || n.ends_with("-age")
}

/// The bucket label of an age.
pub fn age_bin(x: f64) -> &'static str {
    AGE_BINS.iter().rev().find(|(lo, _)| x >= *lo).map_or("<18", |(_, l)| l)
}

/// Whether `name` is a single letter in a run of at least three consecutive single-letter column
/// names (`y` beside `x` and `z`: the widths of a diamond, coordinates), which is weak evidence
/// that it is a label. A lone `y` beside `x` is still proposed.
pub fn among_letters(name: &str, names: &[String]) -> bool {
    let letter = |n: &str| {
        let n = normalise(n);
        let mut cs = n.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => Some(c as u8),
            _ => None,
        }
    };
    let Some(c) = letter(name) else { return false };
    let have: Vec<u8> = names.iter().filter_map(|n| letter(n)).collect();
    let mut run = 1;
    let mut lo = c;
    while lo > b'a' && have.contains(&(lo - 1)) {
        lo -= 1;
        run += 1;
    }
    let mut hi = c;
    while hi < b'z' && have.contains(&(hi + 1)) {
        hi += 1;
        run += 1;
    }
    run >= 3
}

/// Roles decided for a set of columns.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Resolved {
    pub roles: Roles,
    /// The label's name when one is given or proposed (even if it is not among the columns).
    pub label: Option<String>,
    /// The label's column index, when it is among the columns.
    pub label_index: Option<usize>,
    /// Sensitive columns by index.
    pub sensitive: Vec<usize>,
    /// Roles named in the options but not found.
    pub errors: Vec<Error>,
}

/// Decides the label and sensitive columns among `names`: the ones given in the options, or
/// proposals from the names. `line` is where errors are reported; `note` is added to "not found"
/// messages (JSON roles are chosen from the first record's keys).
pub fn resolve(names: &[String], opts: &Options, line: u64, note: &str) -> Resolved {
    let mut out = Resolved::default();
    let find = |want: &str| names.iter().position(|n| n == want);
    let at = Position { byte: 0, line, record: 0 };
    let (label, proposed) = match &opts.label {
        Some(l) => (Some(l.clone()), false),
        None if opts.propose_roles => {
            let hit = LABEL_NAMES
                .iter()
                .find_map(|w| names.iter().find(|n| normalise(n) == *w && !among_letters(n, names)).cloned());
            (hit, true)
        }
        None => (None, false),
    };
    if let Some(l) = &label {
        if find(l).is_some() {
            out.roles.label = Some(Role::new(l.clone(), proposed, None));
        } else {
            out.errors.push(Error::new(
                ErrorKind::UnknownColumn,
                at,
                format!("label column '{l}' not found{note}; columns are: {}", names.join(", ")),
            ));
        }
    }
    out.label_index = label.as_deref().and_then(find);
    out.label = label;
    let sensitive: Vec<(usize, bool)> = match &opts.sensitive {
        Some(list) => {
            let mut found = Vec::new();
            for s in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
                match find(s) {
                    // Named twice: counted once. The label named as sensitive: it stays the
                    // label only (see `conflict_notes`).
                    Some(i)
                        if found.iter().any(|&(j, _)| j == i)
                            || (opts.label.is_some() && Some(i) == out.label_index) => {}
                    Some(i) => found.push((i, false)),
                    None => out.errors.push(Error::new(
                        ErrorKind::UnknownColumn,
                        at,
                        format!("sensitive column '{s}' not found{note}; columns are: {}", names.join(", ")),
                    )),
                }
            }
            found
        }
        None if opts.propose_roles => names
            .iter()
            .enumerate()
            .filter(|(i, n)| Some(*i) != out.label_index && name_matches(n, SENSITIVE_NAMES))
            .map(|(i, _)| (i, true))
            .collect(),
        None => Vec::new(),
    };
    for &(i, proposed) in &sensitive {
        let name = names.get(i).cloned().unwrap_or_default();
        let bins = is_age(&name).then(|| AGE_BINS.iter().map(|(_, l)| *l).collect());
        out.roles.sensitive.push(Role::new(name, proposed, bins));
    }
    out.sensitive = sensitive.into_iter().map(|s| s.0).collect();
    out
}

/// What the report says about roles given more than once or given two parts: a sensitive column
/// named twice is counted once; the label named as sensitive too stays the label only (its rate
/// across its own values says nothing).
pub fn conflict_notes(opts: &Options) -> Vec<String> {
    let mut out = Vec::new();
    let Some(list) = &opts.sensitive else { return out };
    let names: Vec<&str> = list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    for (i, n) in names.iter().enumerate() {
        if names.get(..i).is_some_and(|before| before.contains(n)) {
            if names.get(..i).is_some_and(|before| before.iter().filter(|b| *b == n).count() == 1) {
                out.push(format!("The sensitive column '{n}' was given more than once; it is counted once."));
            }
        } else if opts.label.as_deref() == Some(*n) {
            out.push(format!(
                "'{n}' was given as both the label and a sensitive column; it is used as the label only."
            ));
        }
    }
    out
}

/// What a text field is in an instruction, chat or preference dataset, known by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextRole {
    /// The task (`instruction`, `query`).
    Instruction,
    /// Context for the task (`input`, `context`); empty is the format's "no context".
    Input,
    /// A whole prompt or question (`prompt`, `question`).
    Prompt,
    /// A system prompt.
    System,
    /// The answer (`output`, `response`, `completion`, `answer`; `target` when it is free text).
    Answer,
    /// A list of turns (`messages[{role, content}]`, ShareGPT `conversations[{from, value}]`).
    Chat,
    /// The preferred answer of a preference pair.
    Chosen,
    /// The rejected answer of a preference pair.
    Rejected,
    /// Nested instruction instances (`instances[{input, output}]`).
    Instances,
    /// The user's turns of a chat (a field the engine derives from a chat or a transcript).
    UserTurns,
    /// The assistant's turns of a chat (derived likewise).
    AssistantTurns,
}

impl TextRole {
    /// The role's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            TextRole::Instruction => "instruction",
            TextRole::Input => "input",
            TextRole::Prompt => "prompt",
            TextRole::System => "system",
            TextRole::Answer => "answer",
            TextRole::Chat => "chat",
            TextRole::Chosen => "chosen",
            TextRole::Rejected => "rejected",
            TextRole::Instances => "instances",
            TextRole::UserTurns => "user-turns",
            TextRole::AssistantTurns => "assistant-turns",
        }
    }

    /// Whether generation artefacts (refusals, run-ons, truncation, placeholders) are looked for.
    pub fn is_answer(self) -> bool {
        matches!(self, TextRole::Answer | TextRole::Chosen | TextRole::AssistantTurns)
    }
    /// Whether it is a prompt side an answer may echo.
    pub fn is_prompt(self) -> bool {
        matches!(self, TextRole::Instruction | TextRole::Input | TextRole::Prompt)
    }
}

/// The text role a column's name gives it (its last dotted segment, normalised).
pub fn text_role(name: &str) -> Option<TextRole> {
    let last = name.rsplit('.').next().unwrap_or(name);
    Some(match normalise(last).as_str() {
        "instruction" | "instructions" | "query" | "task" => TextRole::Instruction,
        "input" | "inputs" | "context" => TextRole::Input,
        "prompt" | "question" => TextRole::Prompt,
        "system" | "system-prompt" => TextRole::System,
        "output" | "outputs" | "response" | "completion" | "answer" | "reply" | "target" => TextRole::Answer,
        "messages" | "conversations" | "conversation" | "dialogue" | "turns" => TextRole::Chat,
        "chosen" => TextRole::Chosen,
        "rejected" => TextRole::Rejected,
        "instances" => TextRole::Instances,
        _ => return None,
    })
}
