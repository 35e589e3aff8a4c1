//! Sentry org auth tokens: `sntrys_<base64 JSON {iat, url, region_url, org}>_<secret>`.
//! The payload names the organisation and its region and is readable offline.

use crate::model::finding::Clue;
use crate::model::finding::Scope;
use crate::model::names::url_host;
use serde_json::Value;

/// What the payload of an org token says, or nothing when the value is not one. A
/// payload that does not decode still says it is an org-wide token.
pub fn org_token_clues(secret: &str) -> Vec<Clue> {
    let Some(body) = secret.strip_prefix("sntrys_") else { return Vec::new() };
    let payload = body.rsplit_once('_').and_then(|(payload, _)| decode(payload));
    let reason = match payload.as_ref().and_then(|p| p.get("org")).and_then(Value::as_str) {
        Some(org) => format!(
            "Sentry org token of organisation `{}`{}: org-wide, every project of the organisation",
            printable(org),
            location(payload.as_ref().unwrap_or(&Value::Null))
        ),
        None => "Sentry org token (payload unreadable): org-wide, every project of the organisation".to_string(),
    };
    vec![Clue::scope(Scope::Workspace, reason)]
}

fn decode(payload: &str) -> Option<Value> {
    let bytes = crate::engine::validate::decode_base64(payload.as_bytes())?;
    let value: Value = serde_json::from_slice(&bytes).ok()?;
    value.is_object().then_some(value)
}

/// ` (region us, https://us.sentry.io)` or ` (self-hosted at https://sentry.corp.example)`.
fn location(payload: &Value) -> String {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).map(printable);
    let (url, region_url) = (text("url"), text("region_url"));
    let self_hosted = url.as_deref().is_some_and(|u| !is_sentry_io(u));
    match (region_url, url) {
        (_, Some(url)) if self_hosted => format!(" (self-hosted at {url})"),
        (Some(region_url), _) => match region_name(&region_url) {
            Some(region) => format!(" (region {region}, {region_url})"),
            None => format!(" ({region_url})"),
        },
        _ => String::new(),
    }
}

fn is_sentry_io(url: &str) -> bool {
    url_host(url).is_some_and(|h| h == "sentry.io" || h.ends_with(".sentry.io"))
}

/// `us` from `https://us.sentry.io`.
fn region_name(region_url: &str) -> Option<String> {
    let host = url_host(region_url)?;
    let region = host.strip_suffix(".sentry.io")?;
    (!region.is_empty() && !region.contains('.')).then(|| region.to_string())
}

/// The payload is attacker-controllable text: keep it short and on one line.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    const SECRET_PART: &str = "2oA9ibaiaF2tvCrM82wvuWtuzTM+mxFb9OoEnAm67do"; // blastradius:allow (fake)

    fn token(payload: &str) -> String {
        format!("sntrys_{}_{SECRET_PART}", STANDARD.encode(payload))
    }

    #[test]
    fn org_and_region_come_from_the_payload() {
        let payload = r#"{"iat": 1790012345.1, "url": "https://sentry.io", "region_url": "https://us.sentry.io", "org": "acme-corp"}"#;
        let clues = org_token_clues(&token(payload));
        assert_eq!(clues.len(), 1);
        assert_eq!((clues[0].environment, clues[0].scope), (None, Some(Scope::Workspace)));
        assert_eq!(clues[0].scope, Some(Scope::Workspace));
        let reason = &clues[0].reason;
        assert!(reason.contains("`acme-corp`") && reason.contains("region us, https://us.sentry.io"), "{reason}");
        assert!(!reason.contains(SECRET_PART));
    }

    #[test]
    fn self_hosted_url_is_named() {
        let payload =
            r#"{"url": "https://sentry.corp.example", "region_url": "https://sentry.corp.example", "org": "ops"}"#;
        let reason = &org_token_clues(&token(payload))[0].reason;
        assert!(reason.contains("self-hosted at https://sentry.corp.example"), "{reason}");
    }

    #[test]
    fn malformed_payloads_do_not_panic_and_name_no_org() {
        for bad in ["sntrys_eyJub3QganNvbg_x", "sntrys_", "sntrys_____", "sntrys_eyJ\u{e9}\u{e9}_abc"] {
            let clues = org_token_clues(bad);
            assert_eq!(clues.len(), 1, "{bad}");
            assert!(clues[0].reason.contains("payload unreadable"), "{}", clues[0].reason);
        }
        assert!(org_token_clues(&token("[1, 2]"))[0].reason.contains("payload unreadable"));
    }

    #[test]
    fn other_tokens_are_not_org_tokens() {
        let user_token = "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"; // blastradius:allow (fake)
        assert!(org_token_clues(user_token).is_empty());
        assert!(org_token_clues("xsntrys_eyJvcmciOiJ4In0=_abc").is_empty());
    }
}
