BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'RemediationHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'remediation-devices.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:dev = 'd5000000-0000-4000-8000-000000000001'
    $script:empty = 'd5000000-0000-4000-8000-000000000002'
    $script:standard = 'd5000000-0000-4000-8000-0000000000a1'
    $script:kiosk = 'd5000000-0000-4000-8000-0000000000a2'
    $script:large = 'd6000000-0000-4000-8000-000000000001'
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Get-AdeDevice' {
    BeforeAll { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json' }

    It 'returns every imported device of a token as AdeDevice objects' {
        $devices = @(Get-AdeDevice -TokenId $dev)
        $devices.Count | Should -Be 2506
        $devices[0].GetType().FullName | Should -Be 'AdeTokens.AdeDevice'
        $devices[0].TokenId | Should -Be $dev
        $x1 = $devices | Where-Object SerialNumber -eq 'DEVX00000001'
        $x1.RequestedEnrollmentProfileId | Should -Be $standard
        $x1.EnrollmentState | Should -Be 'enrolled'
        $x1.LastContactedDateTime | Should -BeOfType [DateTimeOffset]
        ($devices | Where-Object SerialNumber -eq 'DEVX00000003').LastContactedDateTime | Should -BeNullOrEmpty -Because 'Intune''s 0001-01-01 means never'
        ($devices | Where-Object SerialNumber -eq 'DEVX00000003').IsUnassigned | Should -BeTrue
    }

    It 'filters by serial number with wildcards, ignoring case' {
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX*').Count | Should -Be 5
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'devy00000001').SerialNumber | Should -Be @('DEVY00000001')
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX0000000[12]', 'DEVY*').Count | Should -Be 3
    }

    It 'reports a literal serial number that is not on the token, and stops paging once every literal was found' {
        Clear-AdeSimRequest -Simulator $sim
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000002').Count | Should -Be 1
        @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/importedAppleDeviceIdentities').Count | Should -Be 1
        $out = @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000001', 'NOPE00000001' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.SerialNumber | Should -Be @('DEVX00000001')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DeviceNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'NOPE00000001'
    }

    It 'filters devices with no profile (-Unassigned) and by -EnrollmentState' {
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEV*' -Unassigned).SerialNumber | Sort-Object | Should -Be @('DEVX00000003', 'DEVX00000004', 'DEVY00000001')
        @(Get-AdeDevice -TokenId $dev -EnrollmentState failed, Blocked).SerialNumber | Sort-Object | Should -Be @('DEVX00000002', 'DEVX00000004')
        @(Get-AdeDevice -TokenId $dev -Unassigned).Count | Should -Be 2503
        { Get-AdeDevice -TokenId $dev -EnrollmentState 'broken' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'takes tokens from the pipeline and reads every token without -TokenId' {
        @(Get-AdeTokenStatus -Id $dev | Get-AdeDevice -SerialNumber 'DEVY*').Count | Should -Be 1
        @([pscustomobject]@{ TokenId = $dev } | Get-AdeDevice -SerialNumber 'DEVY*').Count | Should -Be 1
        @(Get-AdeDevice -SerialNumber 'DEVX*').Count | Should -Be 5
        @(Get-AdeDevice -TokenId $empty).Count | Should -Be 0
        # A profile means the devices assigned to it, not its token's devices (nor a token with the profile's Id).
        @(Get-AdeEnrollmentProfile -TokenId $dev -Id $kiosk | Get-AdeDevice -SerialNumber 'DEVY*').Count | Should -Be 0
        @(Get-AdeEnrollmentProfile -TokenId $dev -Id $kiosk | Get-AdeDevice).SerialNumber | Should -Be @('DEVX00000005')
    }

    It 'reports an unknown token as TokenNotFound' {
        $null = Get-AdeDevice -TokenId 'no-such-token' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].TargetObject | Should -Be 'no-such-token'
    }

    It 'streams: Select-Object -First 3 stops the paging' {
        Clear-AdeSimRequest -Simulator $sim
        @(Get-AdeDevice -TokenId $dev | Select-Object -First 3).Count | Should -Be 3
        Start-Sleep -Milliseconds 300
        @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/importedAppleDeviceIdentities').Count | Should -BeLessOrEqual 3 -Because 'the token has 6 pages'
    }

    It 'shows progress against the token''s synced device count' {
        $run = Invoke-AdeInRunspace -Simulator $sim -Token (New-AdeSimToken -Simulator $sim) -Script {
            param($id) Get-AdeDevice -TokenId $id | Measure-Object | Select-Object -ExpandProperty Count
        } -ArgumentList $dev
        try {
            $run.PowerShell.EndInvoke($run.Handle) | Should -Be 2506
            $progress = @($run.PowerShell.Streams.Progress | Where-Object Activity -match 'Reading the devices')
            # One record per 500 devices at most, and at most four a second (the console host pays for each).
            @($progress | Where-Object RecordType -eq 'Processing').Count | Should -BeIn (1..5)
            $progress[0].StatusDescription | Should -Match '500 of about 2,506 devices'
            $progress[0].PercentComplete | Should -Be 19
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $run.PowerShell.Dispose() }
    }

    It 'streams 200,000 devices page by page in flat memory' {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-large.json'
        try {
            $samples = [Collections.Generic.List[long]]::new()
            $count = 0
            Get-AdeDevice -TokenId $large | ForEach-Object {
                $count++
                if ($count % 40000 -eq 0) { $samples.Add([GC]::GetTotalMemory($true)) }
            }
            $count | Should -Be 200000
            $samples.Count | Should -Be 5
            $growth = ($samples | Measure-Object -Maximum).Maximum - $samples[0]
            $growth | Should -BeLessThan 50MB -Because "200,000 buffered devices would take hundreds of MB (samples: $($samples -join ', '))"
            @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/importedAppleDeviceIdentities').Count | Should -Be 200
        }
        finally { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json' }
    }
}

Describe 'Set-AdeDeviceProfile' {
    BeforeEach {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json'
    }

    It 'assigns the profile, reports each unknown serial on its own, and still assigns the rest' {
        # -Force: DEVX00000004 is a Mac, and this test is about unknown serials, not platforms.
        $result = Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'DEVX00000003', 'NOPE00000001', 'devx00000004', 'NOPE00000002' -PassThru -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 2
        $errs | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'DeviceNotFound,*'
            $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $_.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }
        $errs.TargetObject | Should -Be @('NOPE00000001', 'NOPE00000002')
        $result.GetType().FullName | Should -Be 'AdeTokens.ProfileAssignmentResult'
        $result.Requested | Should -Be 4
        $result.Assigned | Should -Be @('DEVX00000003', 'DEVX00000004')
        $result.NotFound | Should -Be @('NOPE00000001', 'NOPE00000002')
        $result.Batches | Should -Be 1
        $result.ProfileName | Should -Be 'Kiosk iPhone'
        @(Get-AdeSimPost -Simulator $sim -Action 'updateDeviceProfileAssignment').Count | Should -Be 1
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000003', 'DEVX00000004').RequestedEnrollmentProfileId | Should -Be @($kiosk, $kiosk)
        (Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000001').RequestedEnrollmentProfileId | Should -Be $standard
    }

    It 'assigns piped devices in batches of 1000' {
        $result = Get-AdeDevice -TokenId $dev -SerialNumber 'GEN*' | Set-AdeDeviceProfile -ProfileId $kiosk -PassThru
        $result.Assigned.Count | Should -Be 2500
        $result.Batches | Should -Be 3
        $result.BatchSize | Should -Be 1000
        @(Get-AdeSimPost -Simulator $sim -Action 'updateDeviceProfileAssignment').Count | Should -Be 3
        @(Get-AdeDevice -TokenId $dev -SerialNumber 'GEN*' -Unassigned).Count | Should -Be 0
    }

    It 'takes serial numbers as strings from the pipeline and outputs nothing without -PassThru' {
        'DEVX00000003' | Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk | Should -BeNullOrEmpty
        (Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000003').RequestedEnrollmentProfileId | Should -Be $kiosk
    }

    It 'sends nothing under -WhatIf, after resolving the serial numbers' {
        Clear-AdeSimRequest -Simulator $sim
        Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'DEVX00000003' -WhatIf
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/importedAppleDeviceIdentities').Count | Should -BeGreaterThan 0
        (Get-AdeDevice -TokenId $dev -SerialNumber 'DEVX00000003').RequestedEnrollmentProfileId | Should -BeNullOrEmpty
    }

    It 'sends nothing when no serial number is on the token' {
        $result = Set-AdeDeviceProfile -TokenId $dev -ProfileId $kiosk -SerialNumber 'NOPE00000001' -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $result.Assigned.Count | Should -Be 0
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }

    It 'reports an unknown profile or token once and sends nothing' {
        $null = Set-AdeDeviceProfile -TokenId $dev -ProfileId 'no-such-profile' -SerialNumber 'DEVX00000003' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $errs[0].TargetObject | Should -Be 'no-such-profile'
        $null = Set-AdeDeviceProfile -TokenId 'no-such-token' -ProfileId $kiosk -SerialNumber 'DEVX00000003' -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }
}
