namespace AdeTokens.Reporting
{
    /// <summary>What a timeline mark or an Apple tokens row stands for.</summary>
    public enum ReportItemKind : long
    {
        /// <summary>An ADE (DEP) server token.</summary>
        AdeToken,
        /// <summary>The tenant's Apple MDM push (APNs) certificate.</summary>
        ApnsCertificate,
        /// <summary>An Apple VPP (apps and books) location token.</summary>
        VppToken,
    }
}
