//! Seed 000 (AutoMQ, "Manage Environment Ops Authing"): the AutoMQ service account may read, list and write
//! the environment's ops bucket. One declaration of that intent, rendered as the OSS bucket policy (line 1)
//! and as the S3 bucket policy (line 2), each checked by the compiler against the catalogs.
//!
//! `cargo run --example automq_ops_bucket` prints one compact JSON policy a line.
//!
//! The seed's table lists `s3:ListBucketMultipartUpload`, its JSON `s3:ListBucketMultipartUploads`; only the
//! second is an action (the catalog says so, and `policy!` would reject the first with "did you mean").

use tarn::{Policy, Segment, SegmentError};

/// The intent: who may use which bucket.
struct OpsBucketGrant {
    /// The bucket, as a validated segment: it can never widen the grant.
    bucket: Segment,
}

impl OpsBucketGrant {
    /// The OSS bucket policy: AutoMQ's Alibaba Cloud account 1431115939942888, the ten `oss:` actions of
    /// the seed's table, on the bucket and its objects.
    fn oss(&self) -> Policy {
        let bucket = &self.bucket;
        tarn::policy! {
            kind bucket;
            allow oss:GetObject, oss:GetObjectAcl, oss:ListObjects, oss:RestoreObject, oss:GetVodPlaylist,
                  oss:ListObjectVersions, oss:GetObjectVersion, oss:GetObjectVersionAcl,
                  oss:RestoreObjectVersion, oss:PutObject
                on "acs:oss:*:*:<bucket>", "acs:oss:*:*:<bucket>/*"
                to uid "1431115939942888"
        }
    }

    /// The S3 bucket policy of the seed: AutoMQ's AWS account 381492316447.
    fn s3(&self) -> Policy {
        let bucket = &self.bucket;
        tarn::policy! {
            kind bucket;
            allow s3:GetObject, s3:GetObjectVersion, s3:GetObjectAcl, s3:GetObjectTagging,
                  s3:GetObjectVersionAcl, s3:GetObjectVersionTagging, s3:ListBucket, s3:ListBucketVersions,
                  s3:ListBucketMultipartUploads, s3:PutObject
                on "arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"
                to aws "arn:aws:iam::381492316447:root"
        }
    }
}

fn main() -> Result<(), SegmentError> {
    let grant = OpsBucketGrant { bucket: Segment::new("automq-ops-bucket")? };
    println!("{}", grant.oss().to_json());
    println!("{}", grant.s3().to_json());
    Ok(())
}
