using System;
using System.Linq;
using System.Text.Json;
using AdeTokens.Health;
using AdeTokens.Reporting;
using Xunit;

namespace AdeTokens.Tests.Reporting
{
    public class RendererTests
    {
        private const string Evil = "<script>alert(1)</script> & \"q\" 'a'";

        private static HealthReport Report(params HealthResult[] results) => new HealthReport(results, ReportData.At);

        [Fact]
        public void Orders_most_urgent_first_and_counts()
        {
            var r = Report(ReportData.Mixed());
            Assert.Equal(new[] { "Expired ASM", "Warn ABM", "Healthy ABM" }, r.Results.Select(x => x.TokenName));
            Assert.Equal("3 tokens: 1 healthy, 1 warning, 1 critical. Tenant: tenant-1. Generated 2025-06-01 12:00:00Z (UTC).", r.SummaryLine);
            Assert.Equal(HealthStatus.Critical, r.HighestStatus);
        }

        [Fact]
        public void Summary_lists_every_tenant_and_singular_token()
        {
            var a = ReportData.Result("A", HealthStatus.Healthy, 100);
            var b = ReportData.Result("B", HealthStatus.Healthy, 100);
            b.TenantId = "tenant-2";
            Assert.StartsWith("2 tokens: 2 healthy, 0 warning, 0 critical. Tenants: tenant-1, tenant-2.", Report(a, b).SummaryLine);
            Assert.StartsWith("1 token: ", Report(a).SummaryLine);
        }

        [Fact]
        public void Html_is_self_contained_and_lists_steps_and_links()
        {
            var html = Report(ReportData.Mixed()).Render(ReportFormat.Html);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("<link", html);
            Assert.DoesNotContain(" src=", html);
            Assert.Contains("default-src 'none'", html);
            Assert.Contains("<ol><li>Do this first.</li><li>Then this.</li></ol>", html);
            Assert.Contains($"href=\"{HelpLinks.RenewAdeToken}\"", html);
            var table = html.Substring(html.IndexOf("<table id=\"tokens\">", StringComparison.Ordinal));
            Assert.True(table.IndexOf("Expired ASM", StringComparison.Ordinal) < table.IndexOf("Warn ABM", StringComparison.Ordinal));
        }

        [Fact]
        public void Html_encodes_every_value()
        {
            var bad = ReportData.Result(Evil, HealthStatus.Critical, 1, ReportData.Finding(Evil, FindingSeverity.Critical, Evil, "javascript:alert(1)"));
            bad.TokenId = Evil;
            bad.Findings[0].Remediation = new[] { Evil };
            bad.Findings[0].Evidence = Evil;
            var html = new HealthReport(new[] { bad }, ReportData.At, Evil).Render(ReportFormat.Html);
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("href=\"javascript", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;", html);
        }

        [Fact]
        public void Markdown_escapes_table_breakers_and_html()
        {
            var bad = ReportData.Result("a|b <i>x</i>", HealthStatus.Warning, 5, ReportData.Finding("C", FindingSeverity.Warning));
            var md = Report(bad).Render(ReportFormat.Markdown);
            Assert.Contains("| Warning | a\\|b \\<i>x\\</i> | 5 |", md);
            Assert.Contains("1. Do this first.", md);
            Assert.Contains("2. Then this.", md);
            Assert.Contains($"Microsoft Learn: <{HelpLinks.RenewAdeToken}>", md);
        }

        [Fact]
        public void Json_has_a_version_and_stable_names_and_iso_dates()
        {
            var json = Report(ReportData.Mixed()).Render(ReportFormat.Json);
            using var doc = JsonDocument.Parse(json);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            Assert.Equal(JsonReportRenderer.SchemaVersion, doc.RootElement.GetProperty("schemaVersion").GetString());
            Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("critical").GetInt32());
            var first = doc.RootElement.GetProperty("tokens")[0];
            Assert.Equal(new[] { "tenantId", "tokenId", "tokenName", "appleId", "status", "daysUntilExpiry", "expirationDateTime", "lastSuccessfulSyncDateTime", "evaluatedAt", "findings" },
                first.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Critical", first.GetProperty("status").GetString());
            Assert.Equal("2025-05-29T12:00:00Z", first.GetProperty("expirationDateTime").GetString());
            Assert.Equal(JsonValueKind.Null, first.GetProperty("appleId").ValueKind);
            var f = first.GetProperty("findings")[0];
            Assert.Equal("TokenExpired", f.GetProperty("code").GetString());
            Assert.Equal("Critical", f.GetProperty("severity").GetString());
            Assert.Equal(2, f.GetProperty("remediation").GetArrayLength());
        }

        [Fact]
        public void Csv_has_one_row_per_finding_and_one_for_a_clean_token()
        {
            var csv = Report(ReportData.Mixed()).Render(ReportFormat.Csv);
            var lines = csv.Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("TenantId,TokenName,TokenId,Status,DaysUntilExpiry,Severity,Code,Message,HelpUri", lines[0]);
            Assert.Equal(1 + 2 + 1 + 1, lines.Length);
            Assert.StartsWith("tenant-1,Expired ASM,id-Expired ASM,Critical,-3,Critical,TokenExpired,", lines[1]);
            Assert.Equal("tenant-1,Healthy ABM,id-Healthy ABM,Healthy,200,,,,", lines[4]);
        }

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("a,b", "\"a,b\"")]
        [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
        [InlineData("=1+1", "'=1+1")]
        [InlineData("@SUM(A1)", "'@SUM(A1)")]
        [InlineData("-2,3", "\"'-2,3\"")]
        [InlineData("line\nbreak", "\"line\nbreak\"")]
        public void Csv_quotes_and_defuses_formulas(string value, string expected)
            => Assert.Equal(expected, CsvReportRenderer.Text(value));

        [Fact]
        public void Empty_report_still_renders()
        {
            var r = Report();
            Assert.Contains("0 tokens: 0 healthy, 0 warning, 0 critical.", r.Render(ReportFormat.Html));
            Assert.Equal(0, JsonDocument.Parse(r.Render(ReportFormat.Json)).RootElement.GetProperty("tokens").GetArrayLength());
            Assert.Single(r.Render(ReportFormat.Csv).Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
