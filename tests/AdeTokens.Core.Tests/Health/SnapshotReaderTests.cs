using System;
using System.IO;
using System.Linq;
using System.Text;
using AdeTokens.Health;
using Xunit;
using AdeTokens.Io;

namespace AdeTokens.Tests.Health
{
    public class SnapshotReaderTests
    {
        // The Graph docs' example, with its quirks: 7-digit fractions and a -08:00 offset.
        private const string Item1 = @"{
      ""@odata.type"": ""#microsoft.graph.depOnboardingSetting"",
      ""id"": ""40342229-2229-4034-2922-344029223440"",
      ""appleIdentifier"": ""Apple Identifier value"",
      ""tokenExpirationDateTime"": ""2016-12-31T23:59:54.0590989-08:00"",
      ""lastModifiedDateTime"": ""2017-01-01T00:00:35.1329464-08:00"",
      ""lastSuccessfulSyncDateTime"": ""0001-01-01T00:00:00Z"",
      ""lastSyncTriggeredDateTime"": ""2017-01-01T00:00:02.0916369-08:00"",
      ""shareTokenWithSchoolDataSyncService"": true,
      ""lastSyncErrorCode"": 3,
      ""tokenType"": ""dep"",
      ""tokenName"": ""Token Name value"",
      ""syncedDeviceCount"": 1,
      ""dataSharingConsentGranted"": true,
      ""roleScopeTagIds"": [""0""],
      ""someFutureProperty"": {""nested"": [1, 2]}
    }";

        private const string Item2 = @"{ ""id"": ""second"", ""tokenName"": ""Two"", ""tokenExpirationDateTime"": ""2030-01-01T00:00:00Z"" }";

        [Fact]
        public void ReadsAGraphResponseBody()
        {
            var json = "{\n  \"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#deviceManagement/depOnboardingSettings\",\n  \"@odata.nextLink\": \"https://example/next\",\n  \"value\": [\n    " + Item1 + ",\n    " + Item2 + "\n  ]\n}";
            var items = SnapshotReader.Parse(json, "graph.json");
            Assert.Equal(2, items.Count);
            var s = items[0];
            Assert.Equal("40342229-2229-4034-2922-344029223440", s.Id);
            Assert.Equal(3, s.LastSyncErrorCode);
            Assert.Equal("dep", s.TokenType);
            Assert.Equal(new[] { "0" }, s.RoleScopeTagIds);
            Assert.Equal("second", items[1].Id);
        }

        [Fact]
        public void ReadsAnArrayAndASingleObject()
        {
            Assert.Equal(new[] { "40342229-2229-4034-2922-344029223440", "second" }, SnapshotReader.Parse("[" + Item1 + "," + Item2 + "]", "a.json").Select(s => s.Id));
            Assert.Equal("second", SnapshotReader.Parse(Item2, "one.json").Single().Id);
            Assert.Empty(SnapshotReader.Parse("{\"value\": []}", "empty.json"));
        }

        [Fact]
        public void DateQuirksBehaveLikeTheLivePath()
        {
            var s = SnapshotReader.Parse(Item1, "q.json").Single();
            var expected = new DateTimeOffset(2016, 12, 31, 23, 59, 54, TimeSpan.FromHours(-8)).AddTicks(0590989);
            Assert.Equal(expected, s.TokenExpirationDateTime);
            Assert.Equal(expected.UtcTicks, s.TokenExpirationDateTime!.Value.UtcTicks);
            Assert.Equal(TimeSpan.FromHours(-8), s.TokenExpirationDateTime.Value.Offset);

            // 0001-01-01 is Intune's "never": the status has no last sync, and health says NeverSynced.
            var asOf = new DateTimeOffset(2017, 1, 5, 0, 0, 0, TimeSpan.Zero);
            var r = HealthEvaluator.Evaluate(s, asOf);
            Assert.Null(r.Token!.LastSuccessfulSyncDateTime);
            Assert.Equal(FindingSeverity.Critical, r.Findings.Single(f => f.Code == HealthFindingCodes.NeverSynced).Severity);
            Assert.NotNull(r.Findings.SingleOrDefault(f => f.Code == HealthFindingCodes.TokenExpired));
        }

        [Fact]
        public void UnknownPropertiesSurviveTheDocument()
        {
            var s = SnapshotReader.Parse(Item1, "q.json").Single();
            var raw = s.ToRawProperties();
            Assert.True(raw.ContainsKey("someFutureProperty"));
            Assert.NotNull(raw["someFutureProperty"]);
        }

        [Fact]
        public void MalformedJsonNamesTheFileAndOneBasedLine()
        {
            var json = "{\n  \"value\": [\n    { \"id\": \"a\", }\n  ]\n}";   // trailing comma on line 3
            var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Parse(json, "C:\\snap\\tokens.json"));
            Assert.Equal(SnapshotFormatException.MalformedErrorId, ex.ErrorId);
            Assert.Equal("SnapshotMalformed", ex.ErrorId);
            Assert.Equal(3, ex.LineNumber);
            Assert.NotNull(ex.BytePositionInLine);
            Assert.True(ex.BytePositionInLine >= 1);
            Assert.Equal("C:\\snap\\tokens.json", ex.SourceName);
            Assert.Contains("C:\\snap\\tokens.json", ex.Message);
            Assert.Contains("line 3", ex.Message);
            Assert.DoesNotContain("LineNumber:", ex.Message);   // no 0-based numbers from System.Text.Json
            // An AdeException since issue 10 (it was a FormatException that no caller caught as one): the cmdlet's
            // record comes from the one factory, with the same id, category, target and action as before.
            var ade = Assert.IsAssignableFrom<AdeException>(ex);
            Assert.Equal(AdeErrorCategory.InvalidData, ade.Category);
            Assert.Equal("C:\\snap\\tokens.json", ade.Target);
            Assert.Equal(SnapshotFormatException.FixAction, ade.RecommendedAction);
        }

        [Fact]
        public void TruncatedFileIsMalformed()
        {
            var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Parse("[\n" + Item2, "cut.json"));
            Assert.Equal("SnapshotMalformed", ex.ErrorId);
            Assert.Equal(2, ex.LineNumber);
        }

        [Fact]
        public void EmptyTextIsMalformed()
            => Assert.Equal("SnapshotMalformed", Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Parse("  \n ", "e.json")).ErrorId);

        [Fact]
        public void ItemWithoutIdNamesTheIndexAndLine()
        {
            var json = "{\n  \"value\": [\n    " + Item2 + ",\n    { \"tokenName\": \"no id\" }\n  ]\n}";
            var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Parse(json, "noid.json"));
            Assert.Equal(SnapshotFormatException.UnexpectedShapeErrorId, ex.ErrorId);
            Assert.Equal(1, ex.ItemIndex);
            Assert.Contains("item 1", ex.Message);
            Assert.Contains("\"id\"", ex.Message);
            Assert.Contains("noid.json", ex.Message);
            Assert.Equal(4, ex.LineNumber);
            Assert.Equal(5, ex.BytePositionInLine);
        }

        [Theory]
        [InlineData("42")]
        [InlineData("\"text\"")]
        [InlineData("{\"value\": {\"id\": \"x\"}}")]
        [InlineData("[1, 2]")]
        [InlineData("[{\"id\": 5}]")]
        public void WrongShapesAreUnexpectedShape(string json)
        {
            var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Parse(json, "shape.json"));
            Assert.Equal("SnapshotUnexpectedShape", ex.ErrorId);
            Assert.Contains("shape.json", ex.Message);
        }

        [Theory]
        [InlineData("\"lastSyncErrorCode\": \"3\"", "\"lastSyncErrorCode\" as a string; expected a number")]
        [InlineData("\"lastSyncErrorCode\": 3.5", "wrong type")]
        [InlineData("\"dataSharingConsentGranted\": \"false\"", "\"dataSharingConsentGranted\" as a string; expected a boolean")]
        [InlineData("\"tokenExpirationDateTime\": \"next year\"", "\"tokenExpirationDateTime\" = 'next year', which is not a date")]
        [InlineData("\"tokenExpirationDateTime\": 20250601", "\"tokenExpirationDateTime\" as a number; expected a string")]
        public void ValuesKiotaWouldSilentlyDropAreUnexpectedShape(string property, string expected)
        {
            // Kiota would turn these into null, and a dropped error code would make a failing token look healthy.
            var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Parse("[\n  {\"id\": \"x\", " + property + "}\n]", "types.json"));
            Assert.Equal("SnapshotUnexpectedShape", ex.ErrorId);
            Assert.Equal(0, ex.ItemIndex);
            Assert.Equal(2, ex.LineNumber);
            Assert.Equal(3, ex.BytePositionInLine);
            Assert.Contains("item 0 (id 'x')", ex.Message);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void NullValuesAreAllowed()
        {
            var s = SnapshotReader.Parse("{\"id\": \"x\", \"lastSyncErrorCode\": null, \"tokenExpirationDateTime\": null}", "n.json").Single();
            Assert.Null(s.LastSyncErrorCode);
            Assert.Null(s.TokenExpirationDateTime);
        }

        [Fact]
        public void ReadFileNamesThePathAndHonoursAUtf16Bom()
        {
            var path = Path.Combine(Path.GetTempPath(), $"ade-snap-{Guid.NewGuid():N}.json");
            try
            {
                File.WriteAllText(path, "[" + Item2 + "]", Encoding.Unicode);
                Assert.Equal("second", SnapshotReader.ReadFile(path).Single().Id);
                File.WriteAllText(path, "[\n{", Encoding.UTF8);
                var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.ReadFile(path));
                Assert.Equal(path, ex.SourceName);
                Assert.Contains(path, ex.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
