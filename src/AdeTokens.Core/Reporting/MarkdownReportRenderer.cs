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
            sb.Append("# ").Append(Md(report.Title)).Append("\n\n").Append(Md(report.SummaryLine)).Append("\n");
            if (report.NextExpiryLine.Length > 0) sb.Append('\n').Append(Md(report.NextExpiryLine)).Append('\n');
            if (report.Expired.Count > 0)
                sb.Append("\n**Already expired:** ").Append(Md(string.Join("; ", report.Expired.Select(i => $"{i.Name} ({i.KindLabel}, {i.DaysText})")))).Append('\n');
            sb.Append('\n');
            if (report.Results.Count == 0 && report.AppleTokens.Count == 0)
            {
                sb.Append("No ADE tokens were given to this report.\n");
                return sb.ToString();
            }

            var multiTenant = report.TenantIds.Count > 1;
            if (report.Results.Count > 0)
            {
                sb.Append(multiTenant ? "| Status | Token | Tenant | Days left | Expires (UTC) | Findings |\n|---|---|---|---:|---|---|\n"
                                      : "| Status | Token | Days left | Expires (UTC) | Findings |\n|---|---|---:|---|---|\n");
                foreach (var r in report.Results)
                {
                    sb.Append("| ").Append(r.Status).Append(" | ").Append(Md(HealthReport.Label(r))).Append(" | ");
                    if (multiTenant) sb.Append(Md(r.TenantId)).Append(" | ");
                    sb.Append(r.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(" | ")
                      .Append(r.ExpirationDateTime.HasValue ? InvariantText.UtcCell(r.ExpirationDateTime.Value) : "unknown").Append(" | ")
                      .Append(Md(r.FindingCodes)).Append(" |\n");
                }
            }

            if (report.AppleTokens.Count > 0)
            {
                sb.Append("\n## Apple tokens\n\n| Status | Kind | Name | State | Days left | Expires (UTC) |\n|---|---|---|---|---:|---|\n");
                foreach (var i in report.AppleTokens)
                    sb.Append("| ").Append(i.Status).Append(" | ").Append(i.KindLabel).Append(" | ").Append(Md(i.Name)).Append(" | ").Append(Md(i.State ?? "unknown")).Append(" | ")
                      .Append(i.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(" | ")
                      .Append(i.ExpirationDateTime.HasValue ? InvariantText.UtcCell(i.ExpirationDateTime.Value) : "unknown").Append(" |\n");
            }

            var tenant = report.TenantFindings();
            if (tenant.Count > 0)
            {
                sb.Append("\n## Tenant-wide (affects every ADE token)\n");
                foreach (var (_, f) in tenant) AppendFinding(sb, f);
            }
            foreach (var r in report.Results.Where(r => HealthReport.FindingsOf(r).Any(f => !HealthReport.IsTenantFinding(r, f))))
            {
                sb.Append("\n## ").Append(r.Status).Append(": ").Append(Md(HealthReport.Label(r))).Append(" (`").Append(Code(r.TokenId)).Append("`)\n");
                foreach (var f in HealthReport.FindingsOf(r).Where(f => !HealthReport.IsTenantFinding(r, f))) AppendFinding(sb, f);
            }
            return sb.ToString();
        }

        private static void AppendFinding(StringBuilder sb, HealthFinding f)
        {
            sb.Append("\n**").Append(f.Severity).Append(' ').Append(Md(f.Code)).Append("**: ").Append(Md(f.Message)).Append('\n');
            var steps = f.Remediation ?? System.Array.Empty<string>();
            if (steps.Length > 0) sb.Append('\n');
            for (var i = 0; i < steps.Length; i++)
                sb.Append(i + 1).Append(". ").Append(Md(steps[i])).Append('\n');
            if (!string.IsNullOrWhiteSpace(f.Evidence)) sb.Append("\nEvidence: ").Append(Md(f.Evidence)).Append('\n');
            if (HealthReport.IsWebLink(f.HelpUri)) sb.Append("\nMicrosoft Learn: <").Append(f.HelpUri!.Replace(">", "%3E").Replace(" ", "%20")).Append(">\n");
        }

        /// <summary>
        /// Escapes text for a Markdown line or table cell with Markdown's own backslash escapes, not HTML entities
        /// (which show up literally where Markdown is read as text, and as "&amp;amp;" in some renderers): the emphasis,
        /// code, link and table characters always; '&lt;' always, so nothing becomes HTML or an autolink; '&amp;' only where it
        /// would start an entity; and '#', '&gt;', '-', '+', "1." only at the start, where they would open a block.
        /// Newlines become spaces.
        /// </summary>
        internal static string Md(string? s)
        {
            if (string.IsNullOrEmpty(s)) return string.Empty;
            var text = s!.Replace("\r", string.Empty).Replace('\n', ' ');
            var sb = new StringBuilder(text.Length + 8);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '\\': case '|': case '*': case '_': case '`': case '[': case ']': case '<': case '~':
                        sb.Append('\\').Append(c); break;
                    case '&':
                        if (s_entity.IsMatch(text.Substring(i))) sb.Append('\\');
                        sb.Append(c); break;
                    case '#': case '>': case '-': case '+':
                        if (sb.Length == 0) sb.Append('\\');
                        sb.Append(c); break;
                    case '.': case ')':
                        if (sb.Length > 0 && s_listStart.IsMatch(sb.ToString())) sb.Append('\\');
                        sb.Append(c); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }

        private static readonly System.Text.RegularExpressions.Regex s_entity =
            new System.Text.RegularExpressions.Regex("^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static readonly System.Text.RegularExpressions.Regex s_listStart =
            new System.Text.RegularExpressions.Regex("^[0-9]{1,9}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static string Code(string? s) => (s ?? string.Empty).Replace("`", "'");
    }
}
