using System.Globalization;
using System.Linq;
using System.Text;

namespace AdeTokens.Reporting
{
    /// <summary>A Markdown table, most urgent first, then each token's findings with numbered steps and the Learn link.</summary>
    public static class MarkdownReportRenderer
    {
        /// <summary>The report as Markdown.</summary>
        public static string Render(HealthReport report)
        {
            var sb = new StringBuilder(2048);
            sb.Append("# ").Append(Md(report.Title)).Append("\n\n").Append(Md(report.SummaryLine)).Append("\n\n");
            if (report.Results.Count == 0)
            {
                sb.Append("No ADE tokens were given to this report.\n");
                return sb.ToString();
            }

            var multiTenant = report.TenantIds.Count > 1;
            sb.Append(multiTenant ? "| Status | Token | Tenant | Days left | Expires (UTC) | Findings |\n|---|---|---|---:|---|---|\n"
                                  : "| Status | Token | Days left | Expires (UTC) | Findings |\n|---|---|---:|---|---|\n");
            foreach (var r in report.Results)
            {
                sb.Append("| ").Append(r.Status).Append(" | ").Append(Md(HealthReport.Label(r))).Append(" | ");
                if (multiTenant) sb.Append(Md(r.TenantId)).Append(" | ");
                sb.Append(r.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(" | ")
                  .Append(r.ExpirationDateTime.HasValue ? HealthReport.Utc(r.ExpirationDateTime.Value) : "unknown").Append(" | ")
                  .Append(Md(r.FindingCodes)).Append(" |\n");
            }

            foreach (var r in report.Results.Where(r => HealthReport.FindingsOf(r).Any()))
            {
                sb.Append("\n## ").Append(r.Status).Append(": ").Append(Md(HealthReport.Label(r))).Append(" (`").Append(Code(r.TokenId)).Append("`)\n");
                foreach (var f in HealthReport.FindingsOf(r))
                {
                    sb.Append("\n**").Append(f.Severity).Append(' ').Append(Md(f.Code)).Append("**: ").Append(Md(f.Message)).Append('\n');
                    var steps = f.Remediation ?? System.Array.Empty<string>();
                    if (steps.Length > 0) sb.Append('\n');
                    for (var i = 0; i < steps.Length; i++)
                        sb.Append(i + 1).Append(". ").Append(Md(steps[i])).Append('\n');
                    if (!string.IsNullOrWhiteSpace(f.Evidence)) sb.Append("\nEvidence: ").Append(Md(f.Evidence)).Append('\n');
                    if (HealthReport.IsWebLink(f.HelpUri)) sb.Append("\nMicrosoft Learn: <").Append(f.HelpUri!.Replace(">", "%3E").Replace(" ", "%20")).Append(">\n");
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// Escapes text for a Markdown line or table cell: the Markdown punctuation, pipes, and angle brackets (so
        /// nothing in a token name becomes HTML where the Markdown is rendered). Newlines become spaces.
        /// </summary>
        internal static string Md(string? s)
        {
            if (string.IsNullOrEmpty(s)) return string.Empty;
            var sb = new StringBuilder(s!.Length + 8);
            foreach (var c in s)
            {
                switch (c)
                {
                    case '\r': break;
                    case '\n': sb.Append(' '); break;
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '&': sb.Append("&amp;"); break;
                    case '\\': case '|': case '*': case '_': case '`': case '[': case ']': case '#':
                        sb.Append('\\').Append(c); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }

        private static string Code(string? s) => (s ?? string.Empty).Replace("`", "'");
    }
}
