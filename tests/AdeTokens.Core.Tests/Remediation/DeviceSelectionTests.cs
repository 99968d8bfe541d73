using System;
using System.Linq;
using AdeTokens.Graph.Models;
using Xunit;
using AdeTokens.Devices;

namespace AdeTokens.Tests.Remediation
{
    public class SerialResolverTests
    {
        private static ImportedAppleDeviceIdentity Device(string serial) => new ImportedAppleDeviceIdentity { Id = "id-" + serial, SerialNumber = serial };

        [Fact]
        public void DeduplicatesIgnoringCaseAndBlanks()
        {
            var r = new SerialResolver(new[] { "C02ABC", " c02abc ", "", null, "F9XYZ", "C02ABC" });
            Assert.Equal(new[] { "C02ABC", "F9XYZ" }, r.Requested);
        }

        [Fact]
        public void ResolvesAsIntuneSpellsThemAndKeepsRequestOrder()
        {
            var r = new SerialResolver(new[] { "f9xyz", "C02ABC", "MISSING1" });
            Assert.False(r.Observe(Device("OTHER")));
            Assert.True(r.Observe(Device("C02ABC")));
            Assert.False(r.Observe(Device("C02ABC")));
            Assert.True(r.Observe(Device("F9XYZ")));
            Assert.Equal(new[] { "F9XYZ", "C02ABC" }, r.Found);
            Assert.Equal(new[] { "MISSING1" }, r.NotFound);
            Assert.False(r.AllFound);
        }

        [Fact]
        public void SaysWhenEverySerialWasSeen()
        {
            var r = new SerialResolver(new[] { "A1", "B2" });
            r.Observe(Device("B2"));
            Assert.False(r.AllFound);
            r.Observe(Device("a1"));
            Assert.True(r.AllFound);
            Assert.Empty(r.NotFound);
        }
    }

    public class BatchingTests
    {
        [Fact]
        public void SplitsIntoBatchesOfTheDocumentedSize()
        {
            var items = Enumerable.Range(0, 2500).Select(i => i.ToString()).ToList();
            var batches = Batching.Chunk(items, Batching.DeviceAssignmentBatchSize).ToList();
            Assert.Equal(new[] { 1000, 1000, 500 }, batches.Select(b => b.Count));
            Assert.Equal(items, batches.SelectMany(b => b));
        }

        [Fact]
        public void AnExactMultipleHasNoEmptyTail()
            => Assert.Equal(new[] { 2, 2 }, Batching.Chunk(new[] { 1, 2, 3, 4 }, 2).Select(b => b.Count));

        [Fact]
        public void NothingGivesNoBatch()
            => Assert.Empty(Batching.Chunk(Array.Empty<int>(), 10));

        [Fact]
        public void RejectsABatchSizeBelowOne()
            => Assert.Throws<ArgumentOutOfRangeException>(() => Batching.Chunk(new[] { 1 }, 0));
    }

    public class DeviceQueryTests
    {
        private static ImportedAppleDeviceIdentity Device(string serial, string state = "enrolled", string? profile = "p1")
            => new ImportedAppleDeviceIdentity { Id = "id-" + serial, SerialNumber = serial, EnrollmentState = state, RequestedEnrollmentProfileId = profile };

        private static SerialPattern Literal(string s) => new SerialPattern(s, true, x => string.Equals(x, s, StringComparison.OrdinalIgnoreCase));

        private static SerialPattern Prefix(string p) => new SerialPattern(p + "*", false, x => x.StartsWith(p, StringComparison.OrdinalIgnoreCase));

        [Fact]
        public void NoFilterMatchesEverything()
            => Assert.True(new DeviceQuery(null, false, null).Matches(Device("A")));

        [Fact]
        public void FiltersUnassignedAndStatesIgnoringCase()
        {
            var q = new DeviceQuery(null, true, new[] { "FAILED", "blocked" });
            Assert.True(q.Matches(Device("A", "failed", null)));
            Assert.True(q.Matches(Device("B", "blocked", " ")));
            Assert.False(q.Matches(Device("C", "failed", "p1")));
            Assert.False(q.Matches(Device("D", "enrolled", null)));
        }

        [Fact]
        public void StopsOnceEveryLiteralSerialWasSeen()
        {
            var q = new DeviceQuery(new[] { Literal("A1"), Literal("B2") }, false, null);
            Assert.False(q.Exhausted);
            Assert.True(q.Matches(Device("a1")));
            Assert.False(q.Matches(Device("ZZ")));
            Assert.False(q.Exhausted);
            Assert.True(q.Matches(Device("B2")));
            Assert.True(q.Exhausted);
            Assert.Empty(q.UnmatchedLiterals);
        }

        [Fact]
        public void AWildcardNeverStopsTheStream()
        {
            var q = new DeviceQuery(new[] { Literal("A1"), Prefix("C02") }, false, null);
            q.Matches(Device("A1"));
            q.Matches(Device("C02X"));
            Assert.False(q.Exhausted);
        }

        [Fact]
        public void ALiteralThatExistsButIsFilteredOutIsNotReportedMissing()
        {
            var q = new DeviceQuery(new[] { Literal("A1"), Literal("NOPE") }, true, null);
            Assert.False(q.Matches(Device("A1", profile: "p1")));
            Assert.Equal(new[] { "NOPE" }, q.UnmatchedLiterals);
        }
    }
}
