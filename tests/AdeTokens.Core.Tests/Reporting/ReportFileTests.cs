using System;
using System.IO;
using AdeTokens.Reporting;
using Xunit;

namespace AdeTokens.Tests.Reporting
{
    public sealed class ReportFileTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "adetokens-report-" + Guid.NewGuid().ToString("N"));

        public ReportFileTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void Refuses_to_overwrite_without_force()
        {
            var path = Path.Combine(_dir, "r.html");
            File.WriteAllText(path, "keep");
            var e = Assert.Throws<RemediationException>(() => ReportFile.Write(path, "new", ReportFormat.Html, overwrite: false));
            Assert.Equal(RemediationErrorIds.OutFileExists, e.ErrorId);
            Assert.Equal("keep", File.ReadAllText(path));
            ReportFile.Write(path, "new", ReportFormat.Html, overwrite: true);
            Assert.Equal("new", File.ReadAllText(path));
        }

        [Fact]
        public void Csv_gets_a_byte_order_mark_and_html_does_not()
        {
            var csv = Path.Combine(_dir, "r.csv");
            var html = Path.Combine(_dir, "r.html");
            ReportFile.Write(csv, "a", ReportFormat.Csv, false);
            ReportFile.Write(html, "a", ReportFormat.Html, false);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' }, File.ReadAllBytes(csv));
            Assert.Equal(new byte[] { (byte)'a' }, File.ReadAllBytes(html));
        }

        [Fact]
        public void A_missing_folder_is_OutFileWriteFailed()
        {
            var e = Assert.Throws<RemediationException>(() => ReportFile.Write(Path.Combine(_dir, "nope", "r.json"), "[]", ReportFormat.Json, false));
            Assert.Equal(RemediationErrorIds.OutFileWriteFailed, e.ErrorId);
        }
    }
}
