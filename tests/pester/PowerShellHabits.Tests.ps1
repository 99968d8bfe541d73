# What a new admin's PowerShell habits expect: pipeline input that means itself, day counts that agree,
# waits that end, "is a folder, not a file", -Verbose that says what is read. All through the simulated tenant.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'RemediationHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'demo.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:abm = '6a3e8f2b-1c4d-4e5f-9a6b-7c8d9e0f1a21'
    $script:asm = '6a3e8f2b-1c4d-4e5f-9a6b-7c8d9e0f1a22'
    $script:legacy = '6a3e8f2b-1c4d-4e5f-9a6b-7c8d9e0f1a23'
    $script:retail = '6a3e8f2b-1c4d-4e5f-9a6b-7c8d9e0f1a24'
    $script:fieldOps = '6a3e8f2b-1c4d-4e5f-9a6b-7c8d9e0f1a25'
    $script:dev = 'd5000000-0000-4000-8000-000000000001'
    $script:kiosk = 'd5000000-0000-4000-8000-0000000000a2'
    $script:standardMac = 'd5000000-0000-4000-8000-0000000000a3'

    # A child pwsh connected to the simulator, with its console output captured (for host-only text: What if:, Ctrl+C).
    function script:Start-AdeChildPwsh([string] $Script) {
        $self = (Get-Process -Id $PID).Path
        $psi = [Diagnostics.ProcessStartInfo]::new($self)
        if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command') { $psi.ArgumentList.Add($a) }
        $psi.ArgumentList.Add("`$ProgressPreference = 'SilentlyContinue'; Import-Module '$(Get-AdeTestModulePath)'; Connect-AdeGraph -AccessToken (ConvertTo-SecureString `$env:ADE_CHILD_TOKEN -AsPlainText -Force) -GraphEndpoint '$($sim.Url)' | Out-Null; $Script")
        $psi.Environment['ADE_CHILD_TOKEN'] = New-AdeSimToken -Simulator $sim -Roles 'DeviceManagementServiceConfig.ReadWrite.All'
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        [Diagnostics.Process]::Start($psi)
    }

    function script:Get-TokenReads([string] $Id) {
        @(Get-AdeSimRequest -Simulator $sim | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/depOnboardingSettings/$Id" })
    }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'One whole-day rule' {
    BeforeAll { Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json' }

    It 'a token that expired three days ago is -3 in the status, the health result, the finding and the list view' {
        $t = Get-AdeTokenStatus -Id $legacy
        $t.DaysUntilExpiry | Should -Be -3
        $t.StatusReason | Should -Match '\(3 days ago\)'
        $r = @(Test-AdeTokenHealth -Id $legacy)[0]
        $r.DaysUntilExpiry | Should -Be -3
        ($r.Findings | Where-Object Code -eq 'TokenExpired').Message | Should -Match '\(3 days ago\)'
        ($r | Format-List | Out-String -Width 120) | Should -Match 'UTC \(3 days ago\)'
        ($t | Format-List | Out-String -Width 120) | Should -Match 'UTC \(3 days ago\)'
        ($r | Out-String -Width 120) | Should -Match '\s-3\s'
    }

    It 'a token that expires in five days says 5 everywhere' {
        $t = Get-AdeTokenStatus -Id $fieldOps
        $t.DaysUntilExpiry | Should -Be 5
        $t.StatusReason | Should -Match 'expires in 5 days'
        $r = @(Test-AdeTokenHealth -Id $fieldOps)[0]
        ($r.Findings | Where-Object Code -eq 'TokenExpiringSoon').Message | Should -Match 'expires in 5 days'
    }
}

Describe 'A shared Severity property' {
    BeforeAll { Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json' }

    It 'Get-AdeTokenStatus | Where-Object Severity -eq Critical finds what Test-AdeTokenHealth calls Critical' {
        $fromStatus = @(Get-AdeTokenStatus | Where-Object Severity -eq Critical).Id | Sort-Object
        $fromHealth = @(Get-AdeTokenStatus | Test-AdeTokenHealth | Where-Object Severity -eq Critical).TokenId | Sort-Object
        $fromStatus.Count | Should -BeGreaterThan 0
        $fromStatus | Should -Be $fromHealth
        @(Get-AdeTokenStatus | Where-Object Status -eq Critical).Count | Should -Be 0 -Because 'TokenStatus.Status is a token state; the about topic says to use Severity'
    }
}

Describe 'Pipeline input means itself' {
    BeforeEach { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json' }

    It 'profiles piped to Sync-AdeToken -WhatIf give their token, once' {
        $profiles = @(Get-AdeEnrollmentProfile -TokenId $dev)
        $profiles.Count | Should -BeGreaterThan 1
        Clear-AdeSimRequest -Simulator $sim
        $null = $profiles | Sync-AdeToken -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue -InformationVariable whatIf 6>$null
        $errs | Should -BeNullOrEmpty
        @(Get-TokenReads $dev).Count | Should -Be 1 -Because 'three profiles of one token are one token'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }

    It 'devices piped to Sync-AdeToken, Get-AdeTokenPublicKey and Update-AdeToken give their token, once each' {
        $devices = @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX*')
        $devices.Count | Should -Be 5
        Clear-AdeSimRequest -Simulator $sim
        $null = $devices | Sync-AdeToken -WhatIf -ErrorVariable e1 -ErrorAction SilentlyContinue
        $keys = @($devices | Get-AdeTokenPublicKey -ErrorVariable e2 -ErrorAction SilentlyContinue)
        $bad = Join-Path $TestDrive 'not-a-token.p7m'
        Set-Content -Path $bad -Value 'hello'
        $null = $devices | Update-AdeToken -TokenFile $bad -WhatIf -ErrorVariable e3 -ErrorAction SilentlyContinue
        @($e1).Count | Should -Be 0
        @($e2).Count | Should -Be 0
        $keys.Count | Should -Be 1
        $keys[0].TokenId | Should -Be $dev
        @($e3).Count | Should -Be 1 -Because 'the bad file is reported once for the one token, not once per device'
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'TokenFileNotSmime,*'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }

    It 'a profile piped to Get-AdeDevice gives the devices assigned to it, and the token is read once' {
        Clear-AdeSimRequest -Simulator $sim
        $out = @(Get-AdeEnrollmentProfile -TokenId $dev | Get-AdeDevice)
        ($out.SerialNumber | Sort-Object) | Should -Be @('DEVX00000001', 'DEVX00000002', 'DEVX00000005')
        @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/importedAppleDeviceIdentities').Count | Should -Be 6 -Because 'one pass over the 2,506 devices (six pages of 500), not one per profile'
    }

    It 'devices piped to Get-AdeDevice give those devices, not their token''s devices once per device' {
        $devices = @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX*')
        $again = @($devices | Get-AdeDevice)
        ($again.SerialNumber | Sort-Object) | Should -Be ($devices.SerialNumber | Sort-Object)
    }

    It 'something that belongs to no token gets InvalidPipelineInput' {
        $null = [pscustomobject]@{ Name = 'x' } | Get-AdeTokenStatus -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPipelineInput,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'a token name given as -TokenId says that a token of that name exists and gives its id; -TokenName works' {
        $null = Get-AdeDevice -TokenId 'Devices' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].Exception.Message | Should -Match "a token named 'Devices' does: its id is $dev"
        @(Get-AdeDevice -TokenName 'Devices' -SerialNumber 'DEVY*').SerialNumber | Should -Be @('DEVY00000001')
    }

    It 'the device table shows the token and the profile name at 80 columns' {
        $text = Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000005' | Out-String -Width 80
        $text | Should -Match 'Token\s+Profile'
        $text | Should -Match 'Devices\s+Kiosk iPhone'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

Describe 'Second looks' {
    BeforeEach { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json' }

    It 'Set-AdeDeviceProfile refuses an iOS profile for a Mac unless -Force' {
        Clear-AdeSimRequest -Simulator $sim
        $r = Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'DEVY00000001' -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProfilePlatformMismatch,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'DEVY00000001'
        $errs[0].Exception.Message | Should -Match "for iOS, but device 'DEVY00000001'.* is macOS"
        $errs[0].Exception.Message | Should -Not -Match 'other serial numbers'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '-Force'
        $r.PlatformMismatch | Should -Be @('DEVY00000001')
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0

        $r = Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'DEVY00000001' -Force -PassThru
        $r.Assigned | Should -Be @('DEVY00000001')
        Set-AdeDeviceProfile -TokenId $dev -ProfileId $standardMac -SerialNumber 'DEVY00000001' -PassThru | ForEach-Object Assigned | Should -Be @('DEVY00000001')
    }

    It 'when every serial is wrong, no error says the others are still assigned' {
        $null = Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'NOPE00000001', 'NOPE00000002' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.Exception.Message | Should -Not -Match 'other serial numbers' }
        $null = Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'NOPE00000001', 'DEVX00000003' -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].Exception.Message | Should -Match 'The other serial numbers are still assigned'
    }

    It 'Sync-AdeToken -WhatIf names Apple School Manager for an ASM token' {
        Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json'
        # "What if:" lines go to the host, so the command runs in a child pwsh whose console output is captured.
        $child = Start-AdeChildPwsh -Script "Sync-AdeToken -Id '$asm', '$abm' -WhatIf -Force -WarningAction SilentlyContinue"
        $child.WaitForExit(60000) | Should -BeTrue
        $out = $child.StandardOutput.ReadToEnd() -replace '\s+', ' '
        $out | Should -Match "Request a sync with Apple School Manager \(syncWithAppleDeviceEnrollmentProgram\).*Contoso Schools ASM"
        $out | Should -Match "Request a sync with Apple Business Manager \(syncWithAppleDeviceEnrollmentProgram\).*'Contoso ABM'"
    }

    It 'Update-AdeToken given the .pem says what it is, points to the downloads folder first and warns about invalidation' {
        Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json'
        $pem = Join-Path $TestDrive 'contoso.pem'
        Get-AdeTokenPublicKey -Id $abm -OutFile $pem -Force 6>$null 3>$null | Out-Null
        $null = Update-AdeToken -Id $abm -TokenFile $pem -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenFileNotSmime,*'
        $errs[0].Exception.Message | Should -Match 'PEM certificate'
        $action = $errs[0].ErrorDetails.RecommendedAction
        $action | Should -Match 'First look in your downloads folder'
        $action | Should -Match 'invalidates the one Intune is using'
        $action.IndexOf('downloads folder') | Should -BeLessThan $action.IndexOf('download it again')
    }

    It 'Update-AdeToken given a plain text note says it is a plain text file, not that base64 is not a CMS' {
        Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json'
        $note = Join-Path $TestDrive 'note.p7m'
        Set-Content -Path $note -Value "Renew the ADE token before Friday`nAsk Sam for the Apple ID"
        $null = Update-AdeToken -Id $abm -TokenFile $note -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Match 'is a plain text file'
        $errs[0].Exception.Message | Should -Not -Match 'base64 content'
    }
}

Describe 'A folder is a folder, not a file' {
    BeforeAll { Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json' }

    It 'Get-AdeTokenPublicKey -OutFile <folder> says so before any Graph call, even with -Force' {
        Clear-AdeSimRequest -Simulator $sim
        $null = Get-AdeTokenPublicKey -Id $abm -OutFile $TestDrive -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -Match 'is a folder, not a file'
        $errs[0].Exception.Message | Should -Not -Match 'already exists'
        @(Get-AdeSimRequest -Simulator $sim).Count | Should -Be 0
    }

    It 'Test-AdeTokenHealth -Path <folder> says so, not that it does not exist' {
        $null = Test-AdeTokenHealth -Path $TestDrive -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $errs[0].Exception.Message | Should -Match 'is a folder, not a file'
        $errs[0].Exception.Message | Should -Not -Match 'does not exist'
    }

    It 'Update-AdeToken -TokenFile <folder> uses the same words' {
        $null = Update-AdeToken -Id $abm -TokenFile $TestDrive -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Match 'is a folder, not a file'
    }
}

Describe 'Sync-AdeToken -Wait over many tokens' {
    BeforeEach { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-sync.json' }

    It 'polls with one list call per poll, not one read per token' {
        $ids = 'd1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000005'
        Clear-AdeSimRequest -Simulator $sim
        $out = @(Sync-AdeToken -Id $ids -Wait -PollSeconds 1)
        $out.Count | Should -Be 2
        $requests = @(Get-AdeSimRequest -Simulator $sim | Where-Object method -eq 'GET')
        $lists = @($requests | Where-Object { $_.path -like '*/depOnboardingSettings' })
        $reads = @($requests | Where-Object { $_.path -like '*/depOnboardingSettings/*' })
        $lists.Count | Should -BeGreaterThan 0
        # Two reads before the requests; a poll with both open is one list; only a lone last sync is read on its own.
        $reads.Count | Should -BeLessOrEqual ($ids.Count + 1)
    }
}

Describe 'Start-AdeTokenRenewal -TokenFile with a wildcard or a folder' {
    BeforeEach {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-renewal.json'
        $script:guided = 'd3000000-0000-4000-8000-000000000003'
        $script:dl = Join-Path $TestDrive "dl-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $dl | Out-Null
        $script:keyPath = Join-Path $TestDrive "key-$([guid]::NewGuid().ToString('N')).pem"
        $script:helpers = Join-Path $PSScriptRoot 'RemediationHelpers.psm1'
    }

    It 'takes the newest matching .p7m that appears after the wait begins (<Kind>)' -ForEach @(
        @{ Kind = 'wildcard'; Pattern = '*_smime.p7m' }
        @{ Kind = 'folder'; Pattern = '' }
    ) {
        # Last year's token is already there and must not be uploaded.
        $old = Join-Path $dl 'Guided_Token_2025-12-01T09-00-00Z_smime.p7m'
        Set-Content -Path $old -Value 'last year'
        (Get-Item $old).LastWriteTimeUtc = [DateTime]::UtcNow.AddDays(-365)
        $newName = 'Guided_Token_2026-12-01T10-00-00Z_smime.p7m'
        $expiry = [DateTimeOffset]::UtcNow.AddDays(365)
        $admin = [powershell]::Create()
        $null = $admin.AddScript({
            param($helpers, $keyPath, $dl, $newName, $expiry)
            Import-Module $helpers
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Test-Path $keyPath) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            Start-Sleep -Milliseconds 1500
            Set-Content -Path (Join-Path $dl 'Guided_Token_2026-12-01T10-00-00Z_smime.p7m.crdownload') -Value 'partial'
            New-AdeTestServerToken -PublicKeyPem (Get-Content $keyPath -Raw) -Expiry $expiry -OutFile (Join-Path $dl $newName) | Out-Null
        }).AddArgument($helpers).AddArgument($keyPath).AddArgument($dl).AddArgument($newName).AddArgument($expiry)
        $handle = $admin.BeginInvoke()
        try {
            $tokenFile = if ($Pattern) { Join-Path $dl $Pattern } else { $dl }
            $result = Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile $tokenFile -PollSeconds 1 -TimeoutMinutes 2 -Confirm:$false `
                -InformationVariable info 6>$null -WarningAction SilentlyContinue
            $null = $admin.EndInvoke($handle)
        }
        finally { $admin.Dispose() }
        $result.TokenFile | Should -Be (Join-Path $dl $newName)
        [math]::Abs(($result.ExpirationDateTime - $expiry).TotalSeconds) | Should -BeLessThan 1
        @(Get-AdeSimPost -Simulator $sim -Action 'uploadDepToken').Count | Should -Be 1
    }

    It 'refuses a wildcard in the folder part' {
        $null = Start-AdeTokenRenewal -Id $guided -KeyPath $keyPath -TokenFile (Join-Path $TestDrive '*' 'x.p7m') -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenFilePatternInvalid,*'
        $keyPath | Should -Not -Exist
    }

    It 'Ctrl+C during the wait prints the reminder to upload with Update-AdeToken straight away' {
        # A real console pwsh, interrupted the way Ctrl+C does (SIGINT), so the host prints what the help promises.
        if ($IsWindows) { Set-ItResult -Skipped -Because 'SIGINT is how this test presses Ctrl+C; Windows has no kill -INT' }
        $child = Start-AdeChildPwsh -Script "Start-AdeTokenRenewal -Id '$guided' -KeyPath '$keyPath' -TokenFile '$dl' -PollSeconds 1 -TimeoutMinutes 2 -Confirm:`$false"
        try {
            # Ctrl+C goes in once the child says it is about to wait (the warning written just before the wait), not
            # at a guess: on a loaded machine the key file can be there well before the wait begins.
            # The console may wrap the warning, so it is looked for in the text so far with its whitespace folded.
            $beforeWait = 'invalidates the token Intune is using'
            $seen = [Text.StringBuilder]::new()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            $line = $child.StandardOutput.ReadLineAsync()
            while ([DateTime]::UtcNow -lt $deadline) {
                if (-not $line.Wait(200)) { continue }
                if ($null -eq $line.Result) { $line = $null; break }
                $null = $seen.AppendLine($line.Result)
                $line = $child.StandardOutput.ReadLineAsync()
                if (($seen.ToString() -replace '\s+', ' ') -match $beforeWait) { break }
            }
            ($seen.ToString() -replace '\s+', ' ') | Should -Match $beforeWait -Because 'the child reaches the wait'
            Start-Sleep -Milliseconds 1000
            & kill -s INT $child.Id
            $child.WaitForExit(30000) | Should -BeTrue -Because 'Ctrl+C ends the wait'
            if ($line) { $null = $seen.AppendLine($line.GetAwaiter().GetResult()) }
            $out = ($seen.ToString() + $child.StandardOutput.ReadToEnd() + $child.StandardError.ReadToEnd()) -replace '\s+', ' '
            $out | Should -Match 'upload the new file with Update-AdeToken straight away'
            $out | Should -Match ([regex]::Escape("Update-AdeToken -Id $guided"))
            @(Get-AdeSimPost -Simulator $sim -Action 'uploadDepToken').Count | Should -Be 0
        }
        finally { if (-not $child.HasExited) { $child.Kill() } }
    }
}

Describe '-Verbose says what is read' {
    BeforeAll { Set-AdeSimScenario -Simulator $sim -Scenario 'demo.json' }
    AfterEach { Set-AdeSimFault -Simulator $sim }

    It 'Get-AdeTokenStatus -Verbose names the read, each page and its time, the retries, and never the access token' {
        Set-AdeSimFault -Simulator $sim -Faults @{ throttle = @{ first = 1; retryAfterSeconds = 1 } }
        $lines = @(Get-AdeTokenStatus -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $text = $lines -join "`n"
        $text | Should -Match 'Reading every ADE token'
        $text | Should -Match 'GET \S+/beta/deviceManagement/depOnboardingSettings -> 429'
        $text | Should -Match 'GET \S+/beta/deviceManagement/depOnboardingSettings \(retry 1\) -> 200 in \d+ ms \(request-id'
        $text | Should -Match 'Read 6 ADE token\(s\)'
        $text | Should -Match '\d+ Graph request\(s\) in [\d.]+ s; 1 retried'
        $text | Should -Not -Match 'Bearer|eyJ'
    }

    It 'Test-AdeTokenHealth -Verbose says what it reads' {
        $text = (@(Test-AdeTokenHealth -IncludeProfiles -Verbose 4>&1 -WarningAction SilentlyContinue | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message) -join "`n"
        $text | Should -Match 'Reading every ADE token'
        $text | Should -Match 'tenant-wide facts'
        $text | Should -Match 'asking for their enrollment profiles in the same pages'
        $text | Should -Match '\$expand=enrollmentProfiles -> 200'
        $text | Should -Match 'Checked \d+ token\(s\) in'
        $text | Should -Not -Match 'Bearer |eyJ[\w-]+\.eyJ'
    }
}
