// `<name>` as a condition value, type-checked against the operator at compile time: a `tarn::Literal`
// (or `tarn::Segment`) for string operators, also a `tarn::Glob` for `…Like`, a `tarn::IpNet` or an
// address for IP operators, a `tarn::Date` for dates, an integer for numbers, a `bool` for `Bool`/`Null`.
use std::net::{IpAddr, Ipv4Addr};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let team = tarn::Literal::new("payments")?;
    let project = tarn::Segment::new("atlas")?;
    let prefix = tarn::Glob::new("team-*")?;
    let office: tarn::IpNet = "203.0.113.0/24".parse()?;
    let vpn = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 7));
    let max_age: u32 = 3600;
    let secure = true;
    let p = tarn::policy! {
        let until: tarn::Date = "2030-01-01".parse()?;
        allow s3:GetObject on "arn:aws:s3:::reports/*"
            when StringEquals(aws:PrincipalTag/team, <team>, "platform")
            and StringLike(aws:PrincipalTag/project, <project>, <prefix>)
            and IpAddress(aws:SourceIp, <office>, <vpn>, "10.0.0.0/8")
            and DateLessThan(aws:CurrentTime, <until>)
            and NumericLessThan(aws:MultiFactorAuthAge, <max_age>)
            and Bool(aws:SecureTransport, <secure>)
    };
    assert_eq!(
        p.to_json(),
        concat!(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::reports/*"],"Condition":{"#,
            r#""StringEquals":{"aws:PrincipalTag/team":["payments","platform"]},"#,
            r#""StringLike":{"aws:PrincipalTag/project":["atlas","team-*"]},"#,
            r#""IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.7","10.0.0.0/8"]},"#,
            r#""DateLessThan":{"aws:CurrentTime":["2030-01-01T00:00:00Z"]},"#,
            r#""NumericLessThan":{"aws:MultiFactorAuthAge":[3600]},"#,
            r#""Bool":{"aws:SecureTransport":[true]}}}]}"#
        )
    );
    // The bound values are typed like values read from JSON: the policy reads back as itself.
    assert_eq!(tarn::Policy::from_json(&p.to_json())?, p);
    Ok(())
}
