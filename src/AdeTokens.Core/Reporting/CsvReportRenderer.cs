using System.Globalization;
using System.Linq;
using System.Text;

namespace AdeTokens.Reporting
{
    /// <summary>
    /// One row per finding, so Excel's filters work on Severity and Code; a token without findings still gets one
    /// row with the finding columns empty. RFC 4180 quoting, CRLF line ends.
    /// </summary>
    public static class CsvReportRenderer
    {
        /// <summary>The column names, in order.</summary>
        public static readonly string[] Columns = { "TenantId", "TokenName", "TokenId", "Status", "DaysUntilExpiry", "Severity", "Code", "Message", "HelpUri" };

        /// <summary>The report as CSV text (no byte order mark; the file writer adds one for Excel).</summary>
        public static string Render(HealthReport report)
        {
            var sb = new StringBuilder(1024);
            sb.Append(string.Join(",", Columns)).Append("\r\n");
            foreach (var r in report.Results)
            {
                var days = r.DaysUntilExpiry?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
                var findings = HealthReport.FindingsOf(r).ToList();
                if (findings.Count == 0)
                {
                    Row(sb, r.TenantId, r.TokenName, r.TokenId, r.Status.ToString(), days, null, null, null, null);
                    continue;
                }
                foreach (var f in findings)
                    Row(sb, r.TenantId, r.TokenName, r.TokenId, r.Status.ToString(), days, f.Severity.ToString(), f.Code, f.Message, f.HelpUri);
            }
            return sb.ToString();
        }

        private static void Row(StringBuilder sb, string? tenant, string? name, string? id, string status, string days,
            string? severity, string? code, string? message, string? help)
        {
            sb.Append(Text(tenant)).Append(',').Append(Text(name)).Append(',').Append(Text(id)).Append(',')
              .Append(status).Append(',').Append(days).Append(',').Append(severity ?? string.Empty).Append(',')
              .Append(Text(code)).Append(',').Append(Text(message)).Append(',').Append(Text(help)).Append("\r\n");
        }

        /// <summary>
        /// Quotes a text field when needed. A field that starts with = + - @ or a tab would be read by Excel as a
        /// formula (CSV injection), so it gets a leading apostrophe; numbers are never passed through here.
        /// </summary>
        internal static string Text(string? s)
        {
            if (string.IsNullOrEmpty(s)) return string.Empty;
            var v = s!;
            var first = v[0];
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') v = "'" + v;
            return v.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        }
    }
}
