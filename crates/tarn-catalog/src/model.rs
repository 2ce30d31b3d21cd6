//! The catalog's record types; the generated tables are made of these.

pub use tarn_arn::Cloud;

/// The empty list, shared by every generated table row that has none.
pub(crate) const E: &[&str] = &[];

/// How much an action can do, in the taxonomy of the AWS Service Authorization Reference (Alibaba Cloud's
/// create/update/delete map to `Write`, get to `Read`, list to `List`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    /// Lists resources.
    List,
    /// Reads resources or their data.
    Read,
    /// Creates, changes or deletes resources or their data.
    Write,
    /// Changes tags only.
    Tagging,
    /// Changes who may do what.
    PermissionsManagement,
}

impl AccessLevel {
    /// The name as the catalogs write it (`Permissions management`).
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::PermissionsManagement => "Permissions management",
        }
    }
}

impl std::fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A service of one cloud: its actions, resource types and condition keys.
#[derive(Debug)]
pub struct Service {
    pub(crate) cloud: Cloud,
    pub(crate) prefix: &'static str,
    pub(crate) name: &'static str,
    /// Whether the action list is the service's whole list (AWS: always; Alibaba Cloud: read from the full
    /// RAM authorization table).
    pub(crate) complete: bool,
    /// What an incomplete catalog lacks, as the data says.
    pub(crate) missing: &'static str,
    /// Sorted by lowercase name.
    pub(crate) actions: &'static [Action],
    /// Sorted by name.
    pub(crate) resource_types: &'static [ResourceType],
    /// Sorted by lowercase name.
    pub(crate) condition_keys: &'static [ConditionKey],
    /// Sorted by API name.
    pub(crate) api_mappings: &'static [ApiMapping],
    pub(crate) prerequisites: &'static [Prerequisite],
    pub(crate) aliases: &'static [(&'static str, &'static str)],
}

/// An action of a service.
#[derive(Debug)]
pub struct Action {
    pub(crate) prefix: &'static str,
    pub(crate) name: &'static str,
    pub(crate) access_level: AccessLevel,
    pub(crate) resource_types: &'static [ActionResource],
    pub(crate) apis: &'static [&'static str],
    pub(crate) verified: bool,
    pub(crate) resources_verified: bool,
    pub(crate) resources_confirmed: bool,
}

/// One resource type an action applies to (`""`: any resource, the AWS `*` row), with the condition keys
/// and dependent actions of that row.
#[derive(Debug)]
pub struct ActionResource {
    pub(crate) resource_type: &'static str,
    pub(crate) required: bool,
    pub(crate) condition_keys: &'static [&'static str],
    pub(crate) dependent_actions: &'static [&'static str],
}

/// A resource type with its ARN format and alternative formats.
#[derive(Debug)]
pub struct ResourceType {
    pub(crate) name: &'static str,
    pub(crate) arn: &'static str,
    pub(crate) alternatives: &'static [&'static str],
    pub(crate) condition_keys: &'static [&'static str],
    pub(crate) verified: bool,
}

/// A condition key with its type (`String`, `ArrayOfString`, `Numeric`, `Date`, `Bool`, `IPAddress`,
/// `ARN`, ...).
#[derive(Debug)]
pub struct ConditionKey {
    pub(crate) name: &'static str,
    pub(crate) ty: &'static str,
    pub(crate) verified: bool,
}

/// Which actions an OpenAPI operation needs.
#[derive(Debug)]
pub struct ApiMapping {
    pub(crate) api: &'static str,
    pub(crate) actions: &'static [&'static str],
    pub(crate) verified: bool,
    pub(crate) disputed: &'static [&'static str],
}

/// "Grant `action` on the `resource_type` before any grant on `applies_to`" (the RocketMQ
/// `mq:QueryInstanceBaseInfo` rule).
#[derive(Debug)]
pub struct Prerequisite {
    pub(crate) action: &'static str,
    pub(crate) resource_type: &'static str,
    pub(crate) applies_to: &'static [&'static str],
    pub(crate) except_apis: &'static [&'static str],
}
