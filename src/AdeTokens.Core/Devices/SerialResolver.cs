using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph.Models;
namespace AdeTokens.Devices
{
    /// <summary>
    /// Matches requested serial numbers against a token's device stream without holding the stream: only the
    /// requested serials are kept, so resolving 10 serials on a 200,000-device token costs 10 entries.
    /// </summary>
    public sealed class SerialResolver
    {
        // requested (normalised) -> serial as Intune spells it, once seen.
        private readonly Dictionary<string, string?> _requested = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _order = new List<string>();
        private readonly Dictionary<string, string?> _platforms = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        private int _found;

        /// <summary>Starts with the requested serials; blanks are ignored and duplicates (any case) count once.</summary>
        public SerialResolver(IEnumerable<string?> serialNumbers)
        {
            if (serialNumbers is null) throw new ArgumentNullException(nameof(serialNumbers));
            foreach (var raw in serialNumbers)
            {
                var s = Normalize(raw);
                if (s.Length == 0 || _requested.ContainsKey(s)) continue;
                _requested.Add(s, null);
                _order.Add(s);
            }
        }

        /// <summary>Distinct requested serials, in first-seen order.</summary>
        public IReadOnlyList<string> Requested => _order;

        /// <summary>True once every requested serial was seen, so the caller can stop streaming.</summary>
        public bool AllFound => _found == _order.Count;

        /// <summary>Notes one device from the stream; returns true when it is one of the requested serials.</summary>
        public bool Observe(ImportedAppleDeviceIdentity device)
        {
            if (device is null) throw new ArgumentNullException(nameof(device));
            var s = Normalize(device.SerialNumber);
            if (s.Length == 0 || !_requested.TryGetValue(s, out var seen) || seen != null) return false;
            _requested[s] = device.SerialNumber!.Trim();
            _platforms[s] = device.Platform;
            _found++;
            return true;
        }

        /// <summary>The serial as Intune spells it, when <paramref name="serial"/> was requested and seen.</summary>
        public bool TryGetFound(string? serial, out string found)
        {
            found = string.Empty;
            if (!_requested.TryGetValue(Normalize(serial), out var seen) || seen is null) return false;
            found = seen;
            return true;
        }

        /// <summary>Found serials as Intune spells them, in request order.</summary>
        public IReadOnlyList<string> Found => _order.Where(s => _requested[s] != null).Select(s => _requested[s]!).ToList();

        /// <summary>The platform Graph reported for a found serial (ios, macOS, …), or null.</summary>
        public string? PlatformOf(string serial) => _platforms.TryGetValue(Normalize(serial), out var p) ? p : null;

        /// <summary>
        /// True when a device of <paramref name="devicePlatform"/> can take a profile of <paramref name="profilePlatform"/>
        /// (iPadOS devices report "ios"). Unknown on either side counts as a match: nothing to compare.
        /// </summary>
        public static bool PlatformsMatch(string? profilePlatform, string? devicePlatform)
        {
            if (string.IsNullOrWhiteSpace(profilePlatform) || string.IsNullOrWhiteSpace(devicePlatform)) return true;
            if (string.Equals(profilePlatform, "Unknown", StringComparison.OrdinalIgnoreCase) || string.Equals(devicePlatform, "unknown", StringComparison.OrdinalIgnoreCase)) return true;
            static string N(string p) => p.Trim().ToLowerInvariant() == "ipados" ? "ios" : p.Trim().ToLowerInvariant();
            return N(profilePlatform!) == N(devicePlatform!);
        }

        /// <summary>Requested serials that were not seen, as given.</summary>
        public IReadOnlyList<string> NotFound => _order.Where(s => _requested[s] == null).ToList();

        /// <summary>Trims; Apple serials are upper-case letters and digits, but Intune is matched case-insensitively.</summary>
        public static string Normalize(string? serial) => (serial ?? string.Empty).Trim();
    }
}
