//! AWS Signature Version 4 for the one call introspection makes to AWS,
//! `sts:GetCallerIdentity`. Hand-written on `sha2` + `hmac` (a few dozen lines) rather
//! than pulling in the AWS SDK.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// What to sign.
pub struct SignInput<'a> {
    pub method: &'a str,
    /// `host[:port]`.
    pub host: &'a str,
    pub path: &'a str,
    /// Canonical (already sorted and encoded) query string; empty for none.
    pub query: &'a str,
    pub content_type: &'a str,
    pub payload: &'a str,
    /// `YYYYMMDDTHHMMSSZ`.
    pub amz_date: &'a str,
    pub region: &'a str,
    pub service: &'a str,
}

/// The `Authorization` header value for a request signed with the given key pair.
/// The headers signed are `content-type`, `host` and `x-amz-date`.
pub fn authorization(input: &SignInput<'_>, access_key_id: &str, secret_access_key: &str) -> String {
    let date = &input.amz_date[..8];
    let scope = format!("{date}/{}/{}/aws4_request", input.region, input.service);
    let signed_headers = "content-type;host;x-amz-date";
    let canonical = format!(
        "{}\n{}\n{}\ncontent-type:{}\nhost:{}\nx-amz-date:{}\n\n{signed_headers}\n{}",
        input.method,
        input.path,
        input.query,
        input.content_type,
        input.host,
        input.amz_date,
        hex(&Sha256::digest(input.payload.as_bytes())),
    );
    let to_sign =
        format!("AWS4-HMAC-SHA256\n{}\n{scope}\n{}", input.amz_date, hex(&Sha256::digest(canonical.as_bytes())));
    let key = signing_key(secret_access_key, date, input.region, input.service);
    let signature = hex(&hmac(&key, to_sign.as_bytes()));
    format!(
        "AWS4-HMAC-SHA256 Credential={access_key_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `YYYYMMDDTHHMMSSZ` for now.
pub fn amz_date_now() -> String {
    let rfc3339 = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    rfc3339.replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example in the AWS "Signature Version 4 signing process" guide
    /// (IAM ListUsers, 2015-08-30, the documentation's example key pair).
    #[test]
    fn matches_the_documented_example() {
        let input = SignInput {
            method: "GET",
            host: "iam.amazonaws.com",
            path: "/",
            query: "Action=ListUsers&Version=2010-05-08",
            content_type: "application/x-www-form-urlencoded; charset=utf-8",
            payload: "",
            amz_date: "20150830T123600Z",
            region: "us-east-1",
            service: "iam",
        };
        let header = authorization(&input, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        assert_eq!(
            header,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        );
    }

    #[test]
    fn amz_date_has_the_basic_format() {
        let date = amz_date_now();
        assert_eq!(date.len(), 16);
        assert_eq!(&date[8..9], "T");
        assert!(date.ends_with('Z'));
    }
}
