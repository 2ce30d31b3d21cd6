//! `tarn` depended on as `cloud_policies`: the macro reaches the runtime through `$crate`, so it works
//! whatever the dependency is called.

/// A policy built with the renamed crate's macro.
pub fn read_ops() -> cloud_policies::Policy {
    cloud_policies::policy! { allow s3:GetObject on "arn:aws:s3:::ops/*" }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_macro_works_under_another_name() {
        assert_eq!(
            super::read_ops().to_json(),
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::ops/*"]}]}"#
        );
    }
}
