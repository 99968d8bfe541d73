using System;
using System.Collections.Generic;

namespace AdeTokens.Devices
{
    /// <summary>
    /// What Get-AdeDevice was piped for one token: the whole token, or only some of its devices and the devices of
    /// some of its profiles. Gathered first, so each token is read once however many of its objects came down the pipe.
    /// </summary>
    public sealed class PipedDeviceRequest
    {
        /// <summary>Every device of the token (a token, or anything else with its TokenId, was piped).</summary>
        public bool All { get; set; }
        /// <summary>Profiles whose assigned devices were asked for.</summary>
        public HashSet<string> Profiles { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Devices asked for by id (piped devices, read again).</summary>
        public HashSet<string> Devices { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The filter for the token's devices; null for all of them.</summary>
        public Func<AdeDevice, bool>? Only
            => All ? null : d => Devices.Contains(d.Id) || (d.RequestedEnrollmentProfileId != null && Profiles.Contains(d.RequestedEnrollmentProfileId));

        /// <summary>DeviceNotFound for a literal serial number no device on <paramref name="where"/> has.</summary>
        public static RemediationException NotFound(string serial, string where) => new RemediationException(RemediationErrorIds.DeviceNotFound, RemediationErrorKind.NotFound,
            $"No device with serial number '{serial}' is on {where}.",
            "Check the serial number. A device appears only after it is assigned to the token's MDM server in Apple Business Manager and the token has synced (Sync-AdeToken).",
            serial);
    }
}
