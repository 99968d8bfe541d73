using System.Linq;
using System.Net;
using System.Text;

namespace AdeTokens.Reporting
{
    /// <summary>
    /// One self-contained HTML page. Every value passes through HTML encoding, the page has no script and loads
    /// nothing, and its Content-Security-Policy says so, so a hostile token name cannot run in a mail client or browser.
    /// </summary>
    public static class HtmlReportRenderer
    {
        private const string Css =
            "body{font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#1b1b1b;margin:24px;max-width:1200px}" +
            "h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:20px 0 6px}" +
            ".summary{color:#444;margin:0 0 16px}" +
            "table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d0d0;padding:6px 8px;text-align:left;vertical-align:top}" +
            "th{background:#f3f3f3}td.num{text-align:right}" +
            ".status{font-weight:600;white-space:nowrap}.Critical{color:#a4262c}.Warning{color:#8a5a00}.Healthy{color:#107c10}.Info{color:#444}" +
            ".finding{border-left:4px solid #d0d0d0;padding:4px 12px;margin:8px 0}.finding.Critical{border-color:#a4262c}" +
            ".finding.Warning{border-color:#c19c00}.finding p{margin:4px 0}.evidence{color:#555;font-size:13px}" +
            "code{font-family:Consolas,Menlo,monospace}";

        /// <summary>The report as an HTML document.</summary>
        public static string Render(HealthReport report)
        {
            var sb = new StringBuilder(4096);
            sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
            sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            sb.Append("<meta name=\"generator\" content=\"AdeTokens ").Append(E(ModuleInfo.Version)).Append("\">\n");
            sb.Append("<title>").Append(E(report.Title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
            AppendBody(sb, report);
            sb.Append("</body>\n</html>\n");
            return sb.ToString();
        }

        private static void AppendBody(StringBuilder sb, HealthReport report)
        {
            sb.Append("<h1>").Append(E(report.Title)).Append("</h1>\n");
            sb.Append("<p class=\"summary\">").Append(E(report.SummaryLine)).Append("</p>\n");
            if (report.Results.Count == 0)
            {
                sb.Append("<p>No ADE tokens were given to this report.</p>\n");
                return;
            }

            var multiTenant = report.TenantIds.Count > 1;
            sb.Append("<table>\n<thead><tr><th>Status</th><th>Token</th>");
            if (multiTenant) sb.Append("<th>Tenant</th>");
            sb.Append("<th>Days left</th><th>Expires (UTC)</th><th>Last successful sync (UTC)</th><th>Findings</th></tr></thead>\n<tbody>\n");
            foreach (var r in report.Results)
            {
                sb.Append("<tr><td class=\"status ").Append(r.Status).Append("\">").Append(r.Status).Append("</td>");
                sb.Append("<td>").Append(E(HealthReport.Label(r))).Append("<br><code>").Append(E(r.TokenId)).Append("</code></td>");
                if (multiTenant) sb.Append("<td>").Append(E(r.TenantId)).Append("</td>");
                sb.Append("<td class=\"num\">").Append(r.DaysUntilExpiry?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).Append("</td>");
                sb.Append("<td>").Append(r.ExpirationDateTime.HasValue ? HealthReport.Utc(r.ExpirationDateTime.Value) : "unknown").Append("</td>");
                sb.Append("<td>").Append(r.LastSuccessfulSyncDateTime.HasValue ? HealthReport.Utc(r.LastSuccessfulSyncDateTime.Value) : "never").Append("</td>");
                sb.Append("<td>").Append(E(r.FindingCodes)).Append("</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");

            var withFindings = report.Results.Where(r => HealthReport.FindingsOf(r).Any()).ToList();
            if (withFindings.Count == 0) return;
            sb.Append("<h2>Findings and how to fix them</h2>\n");
            foreach (var r in withFindings)
            {
                sb.Append("<section>\n<h3><span class=\"status ").Append(r.Status).Append("\">").Append(r.Status).Append("</span> ")
                    .Append(E(HealthReport.Label(r))).Append(" <code>").Append(E(r.TokenId)).Append("</code></h3>\n");
                foreach (var f in HealthReport.FindingsOf(r))
                {
                    sb.Append("<div class=\"finding ").Append(f.Severity).Append("\">\n<p><strong class=\"").Append(f.Severity).Append("\">")
                        .Append(f.Severity).Append(' ').Append(E(f.Code)).Append("</strong>: ").Append(E(f.Message)).Append("</p>\n");
                    var steps = f.Remediation ?? System.Array.Empty<string>();
                    if (steps.Length > 0)
                    {
                        sb.Append("<ol>");
                        foreach (var s in steps) sb.Append("<li>").Append(E(s)).Append("</li>");
                        sb.Append("</ol>\n");
                    }
                    if (!string.IsNullOrWhiteSpace(f.Evidence)) sb.Append("<p class=\"evidence\">Evidence: ").Append(E(f.Evidence)).Append("</p>\n");
                    if (HealthReport.IsWebLink(f.HelpUri))
                        sb.Append("<p><a href=\"").Append(E(f.HelpUri)).Append("\">Microsoft Learn: how to fix this</a></p>\n");
                    else if (!string.IsNullOrWhiteSpace(f.HelpUri))
                        sb.Append("<p>More: ").Append(E(f.HelpUri)).Append("</p>\n");
                    sb.Append("</div>\n");
                }
                sb.Append("</section>\n");
            }
        }

        /// <summary>HTML-encodes text and attribute values (quotes included).</summary>
        internal static string E(string? s) => s is null ? string.Empty : WebUtility.HtmlEncode(s);
    }
}
