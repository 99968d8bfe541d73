using System;
using System.Collections.Generic;
using System.Linq;
using AdeTokens.Graph.Models;
namespace AdeTokens.Devices
{
    /// <summary>The Get-AdeDevice filters, applied to the stream one device at a time.</summary>
    public sealed class DeviceQuery
    {
        private readonly HashSet<string>? _states;

        /// <summary>Creates the query; empty or null lists mean "no filter".</summary>
        public DeviceQuery(IEnumerable<SerialPattern>? serials, bool unassignedOnly, IEnumerable<string>? enrollmentStates)
        {
            Serials = (serials ?? Enumerable.Empty<SerialPattern>()).ToList();
            UnassignedOnly = unassignedOnly;
            var states = (enrollmentStates ?? Enumerable.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
            _states = states.Count == 0 ? null : new HashSet<string>(states, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The serial number patterns.</summary>
        public IReadOnlyList<SerialPattern> Serials { get; }
        /// <summary>Only devices with no profile assigned.</summary>
        public bool UnassignedOnly { get; }

        /// <summary>
        /// True when the device passes every filter. Serial patterns are marked before the other filters run,
        /// so a literal serial that exists but is filtered out is not reported as missing.
        /// </summary>
        public bool Matches(ImportedAppleDeviceIdentity d)
        {
            if (d is null) throw new ArgumentNullException(nameof(d));
            if (Serials.Count > 0)
            {
                var serial = d.SerialNumber ?? string.Empty;
                var hit = false;
                foreach (var p in Serials)
                {
                    if (!p.IsMatch(serial)) continue;
                    p.Matched = true;
                    hit = true;
                }
                if (!hit) return false;
            }
            if (UnassignedOnly && !string.IsNullOrWhiteSpace(d.RequestedEnrollmentProfileId)) return false;
            return _states == null || _states.Contains(d.EnrollmentState ?? string.Empty);
        }

        /// <summary>
        /// True when only literal serials were asked for and every one was found: the rest of the stream
        /// cannot add anything, so the caller stops paging. (Serial numbers are unique on a token.)
        /// </summary>
        public bool Exhausted => Serials.Count > 0 && Serials.All(p => p.IsLiteral && p.Matched);

        /// <summary>Literal serials that matched no device.</summary>
        public IEnumerable<string> UnmatchedLiterals => Serials.Where(p => p.IsLiteral && !p.Matched).Select(p => p.Text);
    }
}
