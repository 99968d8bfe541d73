using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
namespace AdeTokens.Devices
{
    /// <summary>
    /// Looks up serial numbers on one token: with Microsoft's documented $filter first, one request per serial, and
    /// with one pass over the token's devices for all of them when Graph answers 400 to the filter or when there
    /// are so many serials that one pass is cheaper. Either way the token is read at most once.
    /// </summary>
    public static class SerialLookup
    {
        /// <summary>Above this many serials one streaming pass beats a request per serial (a page holds up to 1000 devices).</summary>
        public const int MaxFilterLookups = 25;

        /// <summary>
        /// Feeds every device that matches a requested serial to <paramref name="onDevice"/> (exact, case-insensitive
        /// match on the serial); return false from it to stop early.
        /// <paramref name="onStreamed"/> gets the running count of devices read while streaming.
        /// </summary>
        public static async Task<SerialLookupMethod> FindAsync(AdeGraphService service, string tokenId, IReadOnlyList<string> serials,
            Func<ImportedAppleDeviceIdentity, bool> onDevice, Action<int>? onStreamed, CancellationToken cancellationToken)
        {
            if (service is null) throw new ArgumentNullException(nameof(service));
            if (serials is null) throw new ArgumentNullException(nameof(serials));
            if (onDevice is null) throw new ArgumentNullException(nameof(onDevice));
            var wanted = new HashSet<string>(serials.Select(SerialResolver.Normalize).Where(s => s.Length > 0), StringComparer.OrdinalIgnoreCase);
            if (wanted.Count == 0) return SerialLookupMethod.Filter;

            if (wanted.Count <= MaxFilterLookups)
            {
                var filtered = new List<ImportedAppleDeviceIdentity>();
                var supported = true;
                foreach (var serial in wanted)
                {
                    var hits = await service.FindDevicesBySerialAsync(tokenId, serial, cancellationToken).ConfigureAwait(false);
                    if (hits is null)
                    {
                        supported = false;
                        break;
                    }
                    filtered.AddRange(hits.Where(d => string.Equals(SerialResolver.Normalize(d.SerialNumber), serial, StringComparison.OrdinalIgnoreCase)));
                }
                if (supported)
                {
                    foreach (var d in filtered)
                        if (!onDevice(d)) break;
                    return SerialLookupMethod.Filter;
                }
            }

            var seen = 0;
            await service.ListDevicesAsync(tokenId, d =>
            {
                seen++;
                onStreamed?.Invoke(seen);
                if (!wanted.Contains(SerialResolver.Normalize(d.SerialNumber))) return true;
                return onDevice(d);
            }, cancellationToken).ConfigureAwait(false);
            return SerialLookupMethod.Stream;
        }
    }
}
