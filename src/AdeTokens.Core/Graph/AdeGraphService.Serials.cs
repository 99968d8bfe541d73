using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph.Models;

namespace AdeTokens.Graph
{
    public sealed partial class AdeGraphService
    {
        /// <summary>
        /// The $filter Microsoft's own sample uses to find a device by serial number
        /// (powershell-intune-samples AppleEnrollment/AppleDEPProfile_Assign.ps1 @1922025). contains() also matches
        /// longer serials, so callers compare the results exactly.
        /// </summary>
        public static string SerialFilter(string serial)
            => "discoverySource eq 'deviceEnrollmentProgram' and contains(serialNumber,'" + (serial ?? string.Empty).Replace("'", "''") + "')";

        /// <summary>
        /// Devices on the token whose serial number contains <paramref name="serial"/>, found with Microsoft's
        /// documented $filter; null when Graph answers 400 (which filters the service accepts is UNVERIFIED), so the
        /// caller falls back to streaming the token's devices. Any other failure throws AdeGraphException.
        /// </summary>
        public async Task<IReadOnlyList<ImportedAppleDeviceIdentity>?> FindDevicesBySerialAsync(string tokenId, string serial, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(serial)) throw new ArgumentException("The serial number is empty.", nameof(serial));
            var url = TokenUrl(tokenId) + "/importedAppleDeviceIdentities?$filter=" + Uri.EscapeDataString(SerialFilter(serial.Trim()));
            var found = new List<ImportedAppleDeviceIdentity>();
            try
            {
                await IterateAsync<ImportedAppleDeviceIdentity, ImportedAppleDevicePage>(url, d =>
                {
                    found.Add(d);
                    // contains() could match a great many devices for a short fragment; a real serial matches a handful.
                    return found.Count < 1000;
                }, $"find serial number '{serial}' on ADE token '{tokenId}'", GraphPermissions.Read, cancellationToken).ConfigureAwait(false);
            }
            catch (AdeGraphException e) when (e.StatusCode == 400)
            {
                return null;
            }
            return found;
        }
    }
}
