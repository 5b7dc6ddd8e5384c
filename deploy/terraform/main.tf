# aws-account-baseline: a read-only IAM role that GitHub Actions workflows of ONE repository can assume with
# OIDC (no stored keys). The same as deploy/oidc-role.yaml. Apply once per AWS account you want to check:
#   terraform init && terraform apply -var github_repository=OWNER/NAME
# or once as the hub of an organization (lists the accounts, assumes the member role in each):
#   terraform apply -var github_repository=OWNER/NAME -var organization_hub=true -var role_name=aws-account-baseline-hub
# Add the role for `apply`, assumable only by jobs of one protected environment:
#   terraform apply -var github_repository=OWNER/NAME -var apply_environment=aws-baseline-apply
# The folder is self-contained (copy it anywhere, or use it as a module): policies/ holds copies of the
# IAM policy documents the tool ships in policies/iam/.
terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "github_repository" {
  description = "The repository allowed to assume the role, as its OIDC token names it: OWNER/NAME, or OWNER@OWNER_ID/NAME@REPO_ID with immutable subject claims (the default for repositories created or renamed since 15 July 2026)."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(@[0-9]+)?/[A-Za-z0-9_.-]+(@[0-9]+)?$", var.github_repository))
    error_message = "github_repository must be OWNER/NAME or OWNER@OWNER_ID/NAME@REPO_ID."
  }
}

variable "subject_filter" {
  description = "What follows \"repo:OWNER/NAME:\" in the token's sub claim: \"*\", \"ref:refs/heads/main\", \"environment:production\", \"pull_request\"."
  type        = string
  default     = "*"
}

variable "create_oidc_provider" {
  description = "false when the account already has the token.actions.githubusercontent.com provider."
  type        = bool
  default     = true
}

variable "role_name" {
  description = "The role's name. A hub whose account is also checked needs another name than member_role_name."
  type        = string
  default     = "aws-account-baseline-read-only"
}

variable "max_session_duration" {
  description = "Upper bound for the action's role-duration-seconds (900 by default, 3600 on organization runs)."
  type        = number
  default     = 3600
  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be 3600 to 43200 seconds."
  }
}

variable "organization_hub" {
  description = "true for the hub of organization runs: also attach policies/iam/hub.json (list the organization, assume member_role_name in each account)."
  type        = bool
  default     = false
}

variable "member_role_name" {
  description = "With organization_hub, the role assumed in each member account (the action's member-role-name), with its path if any."
  type        = string
  default     = "aws-account-baseline-read-only"
}

variable "apply_environment" {
  description = "Empty: no apply role. Otherwise the GitHub environment (with required reviewers) whose jobs may assume the apply role; the trust is exactly repo:OWNER/NAME:environment:NAME, compared case-sensitively."
  type        = string
  default     = ""
  validation {
    condition     = !can(regex("[*?]", var.apply_environment)) && length(var.apply_environment) <= 255
    error_message = "apply_environment is one environment's name: no wildcard, at most 255 characters."
  }
}

variable "apply_role_name" {
  description = "With apply_environment, the apply role's name."
  type        = string
  default     = "aws-account-baseline-apply"
}

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # IAM verifies GitHub's certificate through its own trusted CAs; the thumbprints are kept for older providers.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

locals {
  oidc_provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:${var.subject_filter}"]
    }
  }
}

resource "aws_iam_role" "baseline" {
  name                 = var.role_name
  description          = "Read-only role for aws-account-baseline checks from GitHub Actions"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
}

resource "aws_iam_role_policy" "read_only" {
  name   = "aws-account-baseline-read-only"
  role   = aws_iam_role.baseline.id
  policy = file("${path.module}/policies/read-only.json")
}

resource "aws_iam_role_policy" "hub" {
  count = var.organization_hub ? 1 : 0
  name  = "aws-account-baseline-hub"
  role  = aws_iam_role.baseline.id
  # hub.json names the default member role in the aws partition: point it at the partition and role used here.
  policy = replace(
    file("${path.module}/policies/hub.json"),
    "arn:aws:iam::*:role/aws-account-baseline-read-only",
    "arn:${data.aws_partition.current.partition}:iam::*:role/${var.member_role_name}",
  )
}

# The apply role: writes only what apply may set, reads what the check before and after it needs. Trusted for
# one environment only, so that environment's protection rules (required reviewers) guard every write.
data "aws_iam_policy_document" "apply_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:environment:${var.apply_environment}"]
    }
  }
}

resource "aws_iam_role" "apply" {
  count              = var.apply_environment == "" ? 0 : 1
  name               = var.apply_role_name
  description        = "aws-account-baseline apply from one protected GitHub environment"
  assume_role_policy = data.aws_iam_policy_document.apply_trust.json
}

resource "aws_iam_role_policy" "apply_read_only" {
  count  = var.apply_environment == "" ? 0 : 1
  name   = "aws-account-baseline-read-only"
  role   = aws_iam_role.apply[0].id
  policy = file("${path.module}/policies/read-only.json")
}

resource "aws_iam_role_policy" "apply" {
  count  = var.apply_environment == "" ? 0 : 1
  name   = "aws-account-baseline-apply"
  role   = aws_iam_role.apply[0].id
  policy = file("${path.module}/policies/apply.json")
}

output "role_arn" {
  description = "Use as `role-to-assume` of the action."
  value       = aws_iam_role.baseline.arn
}

output "apply_role_arn" {
  description = "With apply_environment: use as `role-to-assume` of the manual apply workflow (AWS_BASELINE_APPLY_ROLE_ARN)."
  value       = one(aws_iam_role.apply[*].arn)
}
