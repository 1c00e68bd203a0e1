//! rust-mcp-sdk for the extractor: the SDK's `AuthenticationError` is qualified by its crate
//! (`frameworks::rust_mcp_sdk::AUTH_ERROR`) so that the model answers it with the SDK's
//! middleware table, and never confuses it with another crate's type of the same name.

use super::{use_tree_idents, Extractor};
use crate::frameworks::rust_mcp_sdk as sdk;

impl Extractor<'_> {
    /// `use rust_mcp_sdk::auth::{AuthenticationError, ..}`: the file's `AuthenticationError` is
    /// the SDK's.
    pub(super) fn survey_rust_mcp_sdk(&mut self, u: &syn::ItemUse) {
        let from_sdk = matches!(&u.tree, syn::UseTree::Path(p) if p.ident == sdk::CRATE);
        if from_sdk && use_tree_idents(&u.tree).iter().any(|i| i == sdk::AUTH_ERROR_SHORT) {
            self.sdk_auth_error = true;
        }
    }

    /// The name a type gets in the facts: the SDK's error is qualified.
    pub(super) fn qualify_type(&self, ty: String, path: &[String]) -> String {
        let sdk_path = path.iter().any(|s| s == sdk::CRATE);
        if ty == sdk::AUTH_ERROR_SHORT && (sdk_path || (self.sdk_auth_error && !self.local_types.contains(&ty))) {
            sdk::AUTH_ERROR.to_string()
        } else {
            ty
        }
    }
}
