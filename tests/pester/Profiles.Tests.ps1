BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'RemediationHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'remediation-profiles.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:tokenA = 'd4000000-0000-4000-8000-000000000001'
    $script:tokenB = 'd4000000-0000-4000-8000-000000000002'
    $script:corporate = 'd4000000-0000-4000-8000-0000000000a1'
    $script:kiosk = 'd4000000-0000-4000-8000-0000000000a2'
    $script:mac = 'd4000000-0000-4000-8000-0000000000a4'
    $script:school = 'd4000000-0000-4000-8000-0000000000b1'
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Get-AdeEnrollmentProfile' {
    BeforeAll { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-profiles.json' }

    It 'returns every profile of a token across pages, with platform, default and key settings' {
        $profiles = @(Get-AdeEnrollmentProfile -TokenId $tokenA)
        $profiles.Count | Should -Be 5
        $profiles[0].GetType().FullName | Should -Be 'AdeTokens.EnrollmentProfileInfo'
        $corp = $profiles | Where-Object Id -eq $corporate
        $corp.DisplayName | Should -Be 'Corporate iPhone'
        $corp.Platform | Should -Be 'iOS'
        $corp.IsDefault | Should -BeTrue
        $corp.IsSupervised | Should -BeTrue
        $corp.IsMandatory | Should -BeTrue
        $corp.AuthenticationMethod | Should -Be 'CompanyPortal'
        $corp.SupportPhoneNumber | Should -Be '+1 425 555 0100'
        $corp.TokenId | Should -Be $tokenA
        $corp.TokenName | Should -Be 'Profiles A'
        $corp.Raw['supervisedModeEnabled'] | Should -BeTrue
        ($profiles | Where-Object Id -eq $mac).Platform | Should -Be 'macOS'
        @($profiles | Where-Object IsDefault).Id | Sort-Object | Should -Be (@($corporate, $mac) | Sort-Object)
        @(Get-AdeSimRequest -Simulator $sim | Where-Object { $_.path -like "*/$tokenA/enrollmentProfiles" }).Count | Should -BeGreaterThan 1
    }

    It 'returns the profiles of every token without -TokenId, and filters by -Name' {
        @(Get-AdeEnrollmentProfile).Count | Should -Be 6
        @(Get-AdeEnrollmentProfile -Name '*iPad').DisplayName | Sort-Object | Should -Be @('Kiosk iPad', 'School iPad', 'Shared iPad')
    }

    It 'gets profiles by -Id and reports an unknown one as ProfileNotFound' {
        (Get-AdeEnrollmentProfile -TokenId $tokenA -Id $kiosk).DisplayName | Should -Be 'Kiosk iPad'
        (Get-AdeEnrollmentProfile -Id $school).TokenId | Should -Be $tokenB
        $null = Get-AdeEnrollmentProfile -TokenId $tokenA -Id 'no-such-profile' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'no-such-profile'
        $null = Get-AdeEnrollmentProfile -Id 'no-such-profile' -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2.Count | Should -Be 1 -Because 'without a token the id is looked for on every token and reported once'
    }

    It 'works in the pipeline: from Get-AdeTokenStatus, and from objects with TokenId' {
        @(Get-AdeTokenStatus -Id $tokenB | Get-AdeEnrollmentProfile).Id | Should -Be @($school)
        @([pscustomobject]@{ TokenId = $tokenB } | Get-AdeEnrollmentProfile).Id | Should -Be @($school)
        @(Get-AdeTokenStatus | Get-AdeEnrollmentProfile).Count | Should -Be 6
    }

    It 'reports an unknown token as TokenNotFound' {
        $null = Get-AdeEnrollmentProfile -TokenId 'no-such-token' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        $errs[0].TargetObject | Should -Be 'no-such-token'
    }

    It 'shows a table whose Id column holds the whole id at 80 and at 120 columns' {
        $profiles = @(Get-AdeEnrollmentProfile -TokenId $tokenA)
        foreach ($width in 80, 120) {
            $text = $profiles | Out-String -Width $width
            $text | Should -Match 'Id\s+DisplayName\s+Platform\s+Default\s+Token'
            foreach ($p in $profiles) { $text | Should -Match ([regex]::Escape($p.Id)) -Because "-ProfileId needs the whole id at $width columns" }
            ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt $width }) | Should -BeNullOrEmpty
        }
    }
}

Describe 'Set-AdeDefaultProfile' {
    BeforeEach {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-profiles.json'
    }

    It 'makes a profile the default for its platform, and the old default is no longer' {
        $out = Set-AdeDefaultProfile -TokenId $tokenA -ProfileId $kiosk
        $out | Should -BeNullOrEmpty
        @(Get-AdeSimPost -Simulator $sim -Action 'setDefaultProfile').Count | Should -Be 1
        $profiles = Get-AdeEnrollmentProfile -TokenId $tokenA
        ($profiles | Where-Object Id -eq $kiosk).IsDefault | Should -BeTrue
        ($profiles | Where-Object Id -eq $corporate).IsDefault | Should -BeFalse
        ($profiles | Where-Object Id -eq $mac).IsDefault | Should -BeTrue -Because 'the macOS default is another platform'
    }

    It 'returns the profile with -PassThru and takes it from the pipeline' {
        $out = Get-AdeEnrollmentProfile -TokenId $tokenA | Where-Object DisplayName -eq 'Shared iPad' | Set-AdeDefaultProfile -PassThru
        $out.DisplayName | Should -Be 'Shared iPad'
        $out.IsDefault | Should -BeTrue
    }

    It 'changes nothing when the profile already is the default' {
        Clear-AdeSimRequest -Simulator $sim
        Set-AdeDefaultProfile -TokenId $tokenA -ProfileId $corporate -Verbose 4>&1 | Out-String | Should -Match 'already the default'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }

    It 'sends nothing under -WhatIf' {
        Clear-AdeSimRequest -Simulator $sim
        Set-AdeDefaultProfile -TokenId $tokenA -ProfileId $kiosk -WhatIf
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
        @(Get-AdeSimRequest -Simulator $sim).Count | Should -BeGreaterThan 0
        (Get-AdeEnrollmentProfile -TokenId $tokenA -Id $corporate).IsDefault | Should -BeTrue
    }

    It 'reports an unknown profile or token and sends nothing' {
        Clear-AdeSimRequest -Simulator $sim
        $null = Set-AdeDefaultProfile -TokenId $tokenA -ProfileId $school -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        $errs[0].TargetObject | Should -Be $school
        $null = Set-AdeDefaultProfile -TokenId 'no-such-token' -ProfileId $kiosk -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotFound,*'
        @(Get-AdeSimPost -Simulator $sim).Count | Should -Be 0
    }
}
