using System;
namespace AdeTokens
{
    /// <summary>A remediation step that cannot go on, with what the admin should do about it. Never carries file content.</summary>
    public sealed class RemediationException : AdeException
    {
        /// <summary>Creates the exception.</summary>
        public RemediationException(string errorId, RemediationErrorKind kind, string message, string recommendedAction, object? target, Exception? inner = null)
            : base(message, errorId, CategoryOf(kind), target, recommendedAction ?? throw new ArgumentNullException(nameof(recommendedAction)), inner)
        {
            Kind = kind;
        }

        /// <summary>Kind of failure.</summary>
        public RemediationErrorKind Kind { get; }

        private static AdeErrorCategory CategoryOf(RemediationErrorKind kind) => kind switch
        {
            RemediationErrorKind.InvalidArgument => AdeErrorCategory.InvalidArgument,
            RemediationErrorKind.NotFound => AdeErrorCategory.ObjectNotFound,
            RemediationErrorKind.AlreadyExists => AdeErrorCategory.ResourceExists,
            RemediationErrorKind.Busy => AdeErrorCategory.ResourceBusy,
            RemediationErrorKind.Timeout => AdeErrorCategory.OperationTimeout,
            RemediationErrorKind.InvalidResult => AdeErrorCategory.InvalidResult,
            RemediationErrorKind.WriteFailed => AdeErrorCategory.WriteError,
            _ => AdeErrorCategory.InvalidOperation,
        };

        /// <summary>TokenNotFound for <paramref name="id"/>.</summary>
        public static RemediationException TokenNotFound(string id) => new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token with id '{id}' exists in this tenant.",
            "Run Get-AdeTokenStatus to list the tokens and their ids.", id);

        /// <summary>TokenNotFound for an id that is in fact the name of a token: says so and gives the id.</summary>
        public static RemediationException TokenNotFoundButNamed(string id, string realId) => new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token with id '{id}' exists in this tenant, but a token named '{id}' does: its id is {realId}.",
            $"Use the id ({realId}), or give the name with -Name / -TokenName '{id}'.", id);

        /// <summary>TokenNotFound for a -Name that matches no token.</summary>
        public static RemediationException TokenNameNotFound(string name) => new RemediationException(
            RemediationErrorIds.TokenNotFound, RemediationErrorKind.NotFound,
            $"No ADE token named '{name}' exists in this tenant.",
            "Run Get-AdeTokenStatus to list the token names, or use a wildcard such as 'Contoso*'.", name);

        /// <summary>RenewalOneTokenOnly: Start-AdeTokenRenewal was piped a second token; -KeyPath and -TokenFile name one key and one server token.</summary>
        public static RemediationException RenewalOneTokenOnly(string renewedId, string skippedId) => new RemediationException(
            "RenewalOneTokenOnly", RemediationErrorKind.InvalidArgument,
            $"Start-AdeTokenRenewal renews one token per run, and it already renewed (or tried) ADE token {renewedId}; token {skippedId} was skipped.",
            $"Run Start-AdeTokenRenewal -Id {skippedId} with its own -KeyPath and -TokenFile.", skippedId);

        /// <summary>ProfileNotFound for <paramref name="profileId"/> on <paramref name="tokenLabel"/>.</summary>
        public static RemediationException ProfileNotFound(string profileId, string tokenLabel) => new RemediationException(
            RemediationErrorIds.ProfileNotFound, RemediationErrorKind.NotFound,
            $"No enrollment profile with id '{profileId}' exists on {tokenLabel}.",
            "Run Get-AdeEnrollmentProfile -TokenId <token id> to list the token's profiles and their ids.", profileId);
    }
}
