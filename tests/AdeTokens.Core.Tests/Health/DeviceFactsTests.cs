using System;
using System.Collections.Generic;
using AdeTokens.Graph.Models;
using AdeTokens.Health;
using Xunit;

namespace AdeTokens.Tests.Health
{
    [CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
    public sealed class MemorySensitive { }

    [Collection(nameof(MemorySensitive))]
    public class DeviceFactsTests
    {
        private const int Count = 200_000;

        // Devices are created on the fly, like pages from Graph, so only DeviceFacts can keep them alive.
        private static IEnumerable<ImportedAppleDeviceIdentity> Stream()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return new ImportedAppleDeviceIdentity
                {
                    Id = Guid.NewGuid().ToString(),
                    SerialNumber = "SN" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
                    Platform = i % 4 == 0 ? "macOS" : i % 50 == 1 ? "visionOS" : "ios",
                    RequestedEnrollmentProfileId = i % 3 == 0 ? null : "profile",
                    EnrollmentState = i % 10 == 0 ? "failed" : i % 25 == 1 ? "blocked" : "enrolled",
                    IsDeleted = i % 1000 == 999,
                    Description = new string('x', 200),
                };
            }
        }

        [Fact]
        public void TwoHundredThousandDevicesKeepCountsButOnlyASample()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(forceFullCollection: true);

            var facts = new DeviceFacts(sampleSize: 5);
            foreach (var d in Stream()) facts.Add(d);

            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(facts);

            // Expected counts, computed the slow way.
            int deleted = 0, mac = 0, ios = 0, other = 0, without = 0, failed = 0, blocked = 0;
            for (var i = 0; i < Count; i++)
            {
                if (i % 1000 == 999) { deleted++; continue; }
                if (i % 4 == 0) mac++; else if (i % 50 == 1) other++; else ios++;
                if (i % 3 == 0) without++;
                if (i % 10 == 0) failed++; else if (i % 25 == 1) blocked++;
            }

            Assert.Equal(Count, facts.TotalCount);
            Assert.Equal(deleted, facts.DeletedCount);
            Assert.Equal(Count - deleted, facts.ActiveCount);
            Assert.Equal(ios, facts.GetCount(DevicePlatformGroup.IosIpados));
            Assert.Equal(mac, facts.GetCount(DevicePlatformGroup.MacOs));
            Assert.Equal(other, facts.GetCount(DevicePlatformGroup.VisionOs));
            Assert.Equal(0, facts.GetCount(DevicePlatformGroup.Other));
            Assert.Equal(ios, facts.CountByPlatform["ios"]);
            Assert.Equal(without, facts.WithoutProfileCount);
            Assert.Equal(failed, facts.FailedCount);
            Assert.Equal(blocked, facts.BlockedCount);

            Assert.Equal(5, facts.FailedSample.Count);
            Assert.Equal(5, facts.BlockedSample.Count);
            foreach (DevicePlatformGroup g in Enum.GetValues(typeof(DevicePlatformGroup)))
                Assert.True(facts.GetWithoutProfileSample(g).Count <= 5);
            Assert.Equal(new[] { "SN0000000", "SN0000010", "SN0000020", "SN0000030", "SN0000040" }, facts.FailedSample);

            // 200,000 retained devices would be well over 50 MB; the summary must stay small. The bound leaves room for
            // Mono's conservative GC (the net472 run), which can keep a few MB of garbage reachable from the stack.
            Assert.True(after - before < 16 * 1024 * 1024, $"DeviceFacts retained {after - before:N0} bytes");
        }

        [Fact]
        public void SampleSizeZeroKeepsNoSerials()
        {
            var facts = new DeviceFacts(0);
            facts.Add(new ImportedAppleDeviceIdentity { SerialNumber = "A", EnrollmentState = "failed", Platform = "ios" });
            Assert.Equal(1, facts.FailedCount);
            Assert.Empty(facts.FailedSample);
        }

        [Fact]
        public void DeviceWithoutSerialIsNamedByIdAndNullIsIgnored()
        {
            var facts = new DeviceFacts();
            facts.Add(null!);
            facts.Add(new ImportedAppleDeviceIdentity { Id = "abc", EnrollmentState = "blocked" });
            Assert.Equal(1, facts.TotalCount);
            Assert.Equal("(id abc)", facts.BlockedSample[0]);
            Assert.Equal(1, facts.CountByPlatform["unknown"]);
        }

        [Fact]
        public void BadSampleSizeIsRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceFacts(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceFacts(HealthOptions.MaxDeviceSampleSize + 1));
        }
    }
}
