
namespace AdeTokens
{
    /// <summary>One problem (or piece of context) found on a token, with how to fix it.</summary>
    public sealed class HealthFinding
    {
        /// <summary>Stable name of the rule, for filtering and alerting (see HealthFindingCodes).</summary>
        public string Code { get; set; } = string.Empty;
        /// <summary>How bad it is.</summary>
        public FindingSeverity Severity { get; set; }
        /// <summary>What is wrong, with the numbers.</summary>
        public string Message { get; set; } = string.Empty;
        /// <summary>Steps to fix it, in the order to do them.</summary>
        public TextList Remediation { get; set; } = TextList.Empty;
        /// <summary>The Microsoft Learn page for the fix.</summary>
        public string? HelpUri { get; set; }
        /// <summary>What to fix: the token id, the tenant's APNs certificate, or a device serial.</summary>
        public string? Target { get; set; }
        /// <summary>The token whose result this finding belongs to (tenant findings repeat on every token).</summary>
        public string? TokenId { get; set; }
        /// <summary>
        /// How sure the diagnosis is and where it comes from. Set for sync-error findings, because Microsoft
        /// does not document what the error numbers mean.
        /// </summary>
        public string? Evidence { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{Severity} {Code}: {Message}";
    }
}
