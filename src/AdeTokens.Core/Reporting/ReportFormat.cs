
namespace AdeTokens.Reporting
{
    /// <summary>The formats Export-AdeTokenReport writes.</summary>
    public enum ReportFormat : long
    {
        /// <summary>One self-contained HTML page: inline CSS, no scripts, no external resources.</summary>
        Html,
        /// <summary>A Markdown table plus the findings, for wikis, tickets and pull requests.</summary>
        Markdown,
        /// <summary>A JSON array of results with their findings; camelCase names, ISO 8601 dates.</summary>
        Json,
        /// <summary>One row per finding (a token without findings still gets one row), for Excel filtering.</summary>
        Csv,
    }
}
