// A session policy is limited to 2,048 characters; this one is over before any placeholder is filled.
fn main() {
    let _ = tarn::policy! {
        kind session;
        allow s3:GetObject, s3:PutObject
            on
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000001/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000002/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000003/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000004/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000005/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000006/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000007/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000008/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000009/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000010/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000011/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000012/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000013/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000014/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000015/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000016/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000017/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000018/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000019/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000020/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000021/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000022/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000023/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000024/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000025/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000026/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000027/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000028/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000029/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000030/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000031/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000032/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000033/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000034/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000035/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000036/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000037/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000038/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000039/*",
               "arn:aws:s3:::a-bucket-with-a-long-name-number-000040/*"
    };
}
