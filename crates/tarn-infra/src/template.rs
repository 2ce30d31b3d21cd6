//! CloudFormation (and CDK output) and ROS templates: the policies in the `Properties` of the resources
//! tarn knows (see `types::TEMPLATE`); other resource types are skipped.

use crate::tree::Node;
use crate::types::{properties, TEMPLATE};
use crate::{at_path, found, FoundPolicy};

pub(crate) fn policies(tree: &Node) -> Vec<FoundPolicy> {
    let mut out = Vec::new();
    let Some(resources) = tree.get("Resources") else { return out };
    for (id, r) in resources.map() {
        let Some(ty) = r.get("Type").and_then(Node::str) else { continue };
        let Some(props) = properties(TEMPLATE, ty) else { continue };
        let Some(properties) = r.get("Properties") else { continue };
        for prop in props {
            for (name, value) in at_path(properties, prop.path) {
                out.extend(found(id, ty, name, prop.kind, value));
            }
        }
    }
    out
}
