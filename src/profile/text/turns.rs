//! Chats as turns: parsing `messages[{role, content}]`, ShareGPT's `conversations[{from,
//! value}]` and `Human:` / `Assistant:` transcripts, and the rule a chat's structure must follow.
//! Pure functions.

use crate::roles::TextRole;
use serde_json::Value;

/// One turn of a chat.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Turn {
    pub role: String,
    pub content: String,
}

/// Whose turn: the user's or the assistant's (a system turn is neither).
pub fn role_of(role: &str) -> Option<TextRole> {
    match role.trim().to_ascii_lowercase().as_str() {
        "user" | "human" | "prompter" => Some(TextRole::UserTurns),
        "assistant" | "gpt" | "bot" | "model" | "chatgpt" => Some(TextRole::AssistantTurns),
        _ => None,
    }
}

/// The turns of a chat array: objects with `role`/`content` or ShareGPT's `from`/`value`.
pub fn parse_turns(json: &str) -> Vec<Turn> {
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(json) else { return Vec::new() };
    items
        .iter()
        .filter_map(|v| {
            let o = v.as_object()?;
            let role = o.get("role").or_else(|| o.get("from")).and_then(Value::as_str).unwrap_or("");
            let content = match o.get("content").or_else(|| o.get("value")).or_else(|| o.get("text")) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            };
            Some(Turn { role: role.to_string(), content })
        })
        .collect()
}

/// Whether a string holds a `Human:` / `Assistant:` transcript: it opens with one of the two
/// markers and holds another at a line start.
pub fn is_transcript(t: &str) -> bool {
    let s = t.trim_start();
    (s.starts_with("Human:") || s.starts_with("Assistant:")) && (s.contains("\nHuman:") || s.contains("\nAssistant:"))
}

/// The turns of a transcript: each `Human:` or `Assistant:` at a line start opens a turn.
pub fn transcript_turns(t: &str) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    for line in t.split('\n') {
        let l = line.trim_start();
        let opened = [("Human:", "user"), ("Assistant:", "assistant")]
            .iter()
            .find_map(|(p, r)| l.strip_prefix(p).map(|rest| (*r, rest)));
        match (opened, turns.last_mut()) {
            (Some((role, rest)), _) => turns.push(Turn { role: role.into(), content: rest.trim().to_string() }),
            (None, Some(last)) => {
                if !last.content.is_empty() || !line.trim().is_empty() {
                    last.content.push('\n');
                    last.content.push_str(line);
                }
            }
            (None, None) => {}
        }
    }
    for t in &mut turns {
        t.content = t.content.trim().to_string();
    }
    turns
}

/// What is wrong with a chat's structure: it must be an optional system turn, then user and
/// assistant turns alternating from the user, ending with the assistant, with no empty turn.
pub fn chat_problem(turns: &[Turn]) -> Option<String> {
    if turns.is_empty() {
        return Some("no turns".into());
    }
    let mut expect_user = true;
    for (i, t) in turns.iter().enumerate() {
        let role = t.role.trim().to_ascii_lowercase();
        if role == "system" {
            if i != 0 {
                return Some(format!("turn {}: a system turn after the start", i + 1));
            }
            continue;
        }
        if t.content.trim().is_empty() {
            return Some(format!("turn {} ({}) is empty", i + 1, t.role));
        }
        match (role_of(&role), expect_user) {
            (Some(TextRole::UserTurns), true) => expect_user = false,
            (Some(TextRole::AssistantTurns), false) => expect_user = true,
            (Some(_), _) => {
                return Some(format!("turn {}: two {} turns in a row", i + 1, t.role));
            }
            (None, _) => return Some(format!("turn {}: unknown role '{}'", i + 1, t.role)),
        }
    }
    if !expect_user {
        return Some("the chat ends with a user turn, not the assistant".into());
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn turns(roles: &[(&str, &str)]) -> Vec<Turn> {
        roles.iter().map(|(r, c)| Turn { role: r.to_string(), content: c.to_string() }).collect()
    }

    #[test]
    fn chat_structure() {
        assert_eq!(chat_problem(&turns(&[("system", "s"), ("user", "hi"), ("assistant", "hello")])), None);
        assert_eq!(
            chat_problem(&turns(&[("user", "hi"), ("user", "again"), ("assistant", "x")])).unwrap(),
            "turn 2: two user turns in a row"
        );
        assert_eq!(
            chat_problem(&turns(&[("user", "hi"), ("assistant", "x"), ("user", "y")])).unwrap(),
            "the chat ends with a user turn, not the assistant"
        );
        assert_eq!(chat_problem(&turns(&[("user", "hi"), ("assistant", " ")])).unwrap(), "turn 2 (assistant) is empty");
        assert!(chat_problem(&turns(&[("assistant", "x")])).is_some());
    }

    #[test]
    fn sharegpt_and_transcripts() {
        let t = parse_turns(r#"[{"from":"human","value":"Hi"},{"from":"gpt","value":"Hello!"}]"#);
        assert_eq!(t, turns(&[("human", "Hi"), ("gpt", "Hello!")]));
        assert_eq!(chat_problem(&t), None);
        let tr = "\n\nHuman: What is 2+2?\n\nAssistant: 4.\n\nHuman: Thanks\n\nAssistant: You're welcome.";
        assert!(is_transcript(tr));
        let t = transcript_turns(tr);
        assert_eq!(t.len(), 4);
        assert_eq!(t[1], Turn { role: "assistant".into(), content: "4.".into() });
        assert_eq!(chat_problem(&t), None);
    }
}
