// `cloud aws;` / `cloud alibaba;` says which cloud a policy is for when its resources cannot (`sts` and
// `ram` exist in both clouds; a policy on `*` alone).
fn main() {
    let aws = tarn::policy! { cloud aws; allow sts:AssumeRole on * };
    assert_eq!(aws.dialect(), tarn::Dialect::Iam);
    let ali = tarn::policy! { cloud alibaba; allow sts:AssumeRole on * };
    assert_eq!(ali.dialect(), tarn::Dialect::Ram);
}
