//! Concrete ARNs.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::error::ArnError;
use crate::syntax::{layout, tokenize, Mode};
use crate::Cloud;

/// A concrete ARN of either cloud, such as a request's resource.
///
/// Alibaba Cloud: `acs:<service>:<region>:<account>:<relative-id>`; AWS:
/// `arn:<partition>:<service>:<region>:<account>:<resource>`. Region and account may be empty
/// (`acs:ram::123:role/x`, `arn:aws:s3:::bucket`); the service and the resource may not. `*` and `?` are
/// ordinary characters here (an S3 key may contain them); use [`crate::Pattern`] for ARNs with wildcards.
///
/// `Display` writes the text exactly as it was parsed.
///
/// ```
/// use tarn_arn::{Arn, Cloud};
/// let arn: Arn = "acs:log:cn-hangzhou:1234567890123456:project/my-project".parse()?;
/// assert_eq!(arn.cloud(), Cloud::Alibaba);
/// assert_eq!(arn.service(), "log");
/// assert_eq!(arn.region(), "cn-hangzhou");
/// assert_eq!(arn.resource(), "project/my-project");
/// assert_eq!(arn.to_string(), "acs:log:cn-hangzhou:1234567890123456:project/my-project");
/// # Ok::<(), tarn_arn::ArnError>(())
/// ```
#[derive(Clone)]
pub struct Arn {
    text: Box<str>,
    cloud: Cloud,
    partition: Range<usize>,
    service: Range<usize>,
    region: Range<usize>,
    account: Range<usize>,
    resource: Range<usize>,
}

impl Arn {
    /// Parses a concrete ARN.
    pub fn parse(text: &str) -> Result<Self, ArnError> {
        let toks = tokenize(text, Mode::Arn)?;
        let l = layout(text, &toks, Mode::Arn)?;
        Ok(Self {
            text: text.into(),
            cloud: l.cloud,
            partition: l.partition.unwrap_or(0..0),
            service: l.service,
            region: l.region,
            account: l.account,
            resource: l.resource,
        })
    }

    fn part(&self, r: &Range<usize>) -> &str {
        self.text.get(r.clone()).unwrap_or_default()
    }

    /// The cloud, from the prefix (`acs` or `arn`).
    pub fn cloud(&self) -> Cloud {
        self.cloud
    }

    /// The AWS partition (`aws`, `aws-cn`, ...); `None` for Alibaba Cloud ARNs.
    pub fn partition(&self) -> Option<&str> {
        (self.cloud == Cloud::Aws).then(|| self.part(&self.partition))
    }

    /// The service: RAM code (`mq`, `log`) or AWS service prefix (`s3`).
    pub fn service(&self) -> &str {
        self.part(&self.service)
    }

    /// The region; may be empty.
    pub fn region(&self) -> &str {
        self.part(&self.region)
    }

    /// The account; may be empty.
    pub fn account(&self) -> &str {
        self.part(&self.account)
    }

    /// The relative id (Alibaba Cloud) or resource (AWS): everything after the account segment.
    pub fn resource(&self) -> &str {
        self.part(&self.resource)
    }

    /// Everything after the service segment and its colon: `region:account:resource`.
    pub(crate) fn after_service(&self) -> &str {
        self.text.get(self.service.end + 1..).unwrap_or_default()
    }

    /// The whole ARN text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

// The ranges follow from the text, so equality, order and hashing are the text's.
impl PartialEq for Arn {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Arn {}

impl PartialOrd for Arn {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Arn {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl std::hash::Hash for Arn {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl FromStr for Arn {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Arn({:?})", &*self.text)
    }
}

impl AsRef<str> for Arn {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[cfg(feature = "serde")]
crate::serde_str::impl_serde_via_str!(Arn, "an ARN string");
