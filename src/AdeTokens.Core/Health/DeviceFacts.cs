using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AdeTokens.Graph.Json;
using AdeTokens.Graph.Models;

namespace AdeTokens.Health
{
    /// <summary>
    /// A streaming summary of a token's imported Apple device identities. A token can hold 200,000 devices,
    /// so Add keeps only counters and the first SampleSize serial numbers of each kind: memory stays the same
    /// however many pages are fed in. Not thread-safe: feed it from one page loop.
    /// </summary>
    public sealed class DeviceFacts
    {
        // Graph's platform enum is small, but cap the dictionary anyway so a misbehaving source can't grow it.
        private const int MaxPlatformKeys = 32;

        private readonly Dictionary<string, int> _byPlatform = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private const int GroupCount = 5;

        private readonly int[] _withoutProfile = new int[GroupCount];
        private readonly List<string>[] _withoutProfileSample = { new List<string>(), new List<string>(), new List<string>(), new List<string>(), new List<string>() };
        private readonly int[] _byGroup = new int[GroupCount];
        private readonly List<string> _failedSample = new List<string>();
        private readonly List<string> _blockedSample = new List<string>();
        private readonly List<string> _pendingResetSample = new List<string>();

        /// <summary>Creates an empty summary that keeps up to <paramref name="sampleSize"/> serials of each kind.</summary>
        public DeviceFacts(int sampleSize = 5)
        {
            if (sampleSize < 0 || sampleSize > HealthOptions.MaxDeviceSampleSize)
                throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, $"sampleSize must be between 0 and {HealthOptions.MaxDeviceSampleSize}.");
            SampleSize = sampleSize;
        }

        /// <summary>Serials kept per kind.</summary>
        public int SampleSize { get; }
        /// <summary>Every device added, including ones deleted from ABM/ASM.</summary>
        public int TotalCount { get; private set; }
        /// <summary>Devices marked deleted (released) in ABM/ASM; they are left out of every other count.</summary>
        public int DeletedCount { get; private set; }
        /// <summary>Devices still assigned (TotalCount - DeletedCount).</summary>
        public int ActiveCount => TotalCount - DeletedCount;
        /// <summary>Active devices per platform, under Graph's platform names.</summary>
        public IReadOnlyDictionary<string, int> CountByPlatform => _byPlatform;
        /// <summary>Active devices with no requested enrollment profile.</summary>
        public int WithoutProfileCount => _withoutProfile.Sum();
        /// <summary>Active devices whose enrollmentState is failed.</summary>
        public int FailedCount { get; private set; }
        /// <summary>Active devices whose enrollmentState is blocked.</summary>
        public int BlockedCount { get; private set; }
        /// <summary>Active devices whose enrollmentState is pendingReset.</summary>
        public int PendingResetCount { get; private set; }
        /// <summary>First SampleSize serials of pendingReset devices.</summary>
        public IReadOnlyList<string> PendingResetSample => _pendingResetSample;
        /// <summary>First SampleSize serials of failed devices.</summary>
        public IReadOnlyList<string> FailedSample => _failedSample;
        /// <summary>First SampleSize serials of blocked devices.</summary>
        public IReadOnlyList<string> BlockedSample => _blockedSample;

        /// <summary>Active devices in a platform group.</summary>
        public int GetCount(DevicePlatformGroup group) => _byGroup[(int)group];
        /// <summary>Active devices in a platform group with no requested enrollment profile.</summary>
        public int GetWithoutProfileCount(DevicePlatformGroup group) => _withoutProfile[(int)group];
        /// <summary>First SampleSize serials of devices in a platform group with no requested enrollment profile.</summary>
        public IReadOnlyList<string> GetWithoutProfileSample(DevicePlatformGroup group) => _withoutProfileSample[(int)group];

        /// <summary>Maps Graph's platform value to the group whose default profile applies.</summary>
        [MethodImpl(HotPath.FullyOptimized)]
        public static DevicePlatformGroup GroupOf(string? platform)
        {
            if (string.Equals(platform, "ios", StringComparison.OrdinalIgnoreCase)) return DevicePlatformGroup.IosIpados;
            if (string.Equals(platform, "macOS", StringComparison.OrdinalIgnoreCase)) return DevicePlatformGroup.MacOs;
            if (string.Equals(platform, "tvos", StringComparison.OrdinalIgnoreCase)) return DevicePlatformGroup.TvOs;
            if (string.Equals(platform, "visionOS", StringComparison.OrdinalIgnoreCase)) return DevicePlatformGroup.VisionOs;
            return DevicePlatformGroup.Other;
        }

        /// <summary>Counts one device. The device object is not kept.</summary>
        [MethodImpl(HotPath.FullyOptimized)]
        public void Add(ImportedAppleDeviceIdentity device)
        {
            if (device is null) return;
            TotalCount++;
            if (device.IsDeleted == true)
            {
                DeletedCount++;
                return;
            }

            var platformKey = string.IsNullOrWhiteSpace(device.Platform) ? "unknown" : device.Platform!.Trim();
            if (!_byPlatform.ContainsKey(platformKey) && _byPlatform.Count >= MaxPlatformKeys) platformKey = "other";
            _byPlatform.TryGetValue(platformKey, out var n);
            _byPlatform[platformKey] = n + 1;

            var group = (int)GroupOf(device.Platform);
            _byGroup[group]++;
            var serial = SerialOf(device);

            if (string.IsNullOrWhiteSpace(device.RequestedEnrollmentProfileId))
            {
                _withoutProfile[group]++;
                Sample(_withoutProfileSample[group], serial);
            }

            if (string.Equals(device.EnrollmentState, "failed", StringComparison.OrdinalIgnoreCase))
            {
                FailedCount++;
                Sample(_failedSample, serial);
            }
            else if (string.Equals(device.EnrollmentState, "blocked", StringComparison.OrdinalIgnoreCase))
            {
                BlockedCount++;
                Sample(_blockedSample, serial);
            }
            else if (string.Equals(device.EnrollmentState, "pendingReset", StringComparison.OrdinalIgnoreCase))
            {
                PendingResetCount++;
                Sample(_pendingResetSample, serial);
            }
        }

        /// <summary>Counts a page of devices.</summary>
        public void AddRange(IEnumerable<ImportedAppleDeviceIdentity>? devices)
        {
            if (devices is null) return;
            foreach (var d in devices) Add(d);
        }

        private void Sample(List<string> sample, string serial)
        {
            if (sample.Count < SampleSize) sample.Add(serial);
        }

        // A device without a serial is still worth pointing at; its id is the next best handle.
        [MethodImpl(HotPath.FullyOptimized)]
        private static string SerialOf(ImportedAppleDeviceIdentity d)
            => !string.IsNullOrWhiteSpace(d.SerialNumber) ? d.SerialNumber!.Trim()
             : !string.IsNullOrWhiteSpace(d.Id) ? $"(id {d.Id})" : "(no serial)";

        /// <inheritdoc />
        public override string ToString()
            => $"{ActiveCount} device(s): {WithoutProfileCount} without profile, {FailedCount} failed, {BlockedCount} blocked, {PendingResetCount} pending reset";
    }
}
