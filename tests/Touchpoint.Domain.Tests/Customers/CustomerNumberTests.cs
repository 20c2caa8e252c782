using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Tests.Customers;

public sealed class CustomerNumberTests
{
    [Fact]
    public void The_first_serial_has_eight_digits_and_reads_back()
    {
        var number = CustomerNumber.FromSerial(1);

        Assert.Equal(8, CustomerNumber.Format(number).Length);
        Assert.True(CustomerNumber.TryParse(CustomerNumber.Format(number), out var parsed));
        Assert.Equal(number, parsed);
    }

    [Fact]
    public void The_check_digit_is_the_ean8_one()
    {
        // EAN-8 96385074 is a published valid code: payload 9638507, check digit 4.
        Assert.Equal(4, CustomerNumber.CheckDigit(9638507));
        // Payload 1000001: 3·1 + 3·1 = 6 from the right (weights 3, 1, 3, …), so the check digit is 4.
        Assert.Equal(10000014, CustomerNumber.FromSerial(1));
    }

    [Theory]
    [InlineData("1000 0014")]
    [InlineData("1000-0014")]
    [InlineData(" 10000014 ")]
    public void Spaces_and_dashes_between_groups_are_allowed(string text)
    {
        Assert.True(CustomerNumber.TryParse(text, out var number));
        Assert.Equal(10000014, number);
    }

    [Theory]
    [InlineData("10000015")] // wrong check digit
    [InlineData("10000041")] // last two digits swapped
    [InlineData("1000001")] // too short
    [InlineData("00000014")] // leading zero: not one we hand out
    [InlineData("+4610000014")]
    [InlineData("Jan de Vries")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_customer_number(string? text)
    {
        Assert.False(CustomerNumber.TryParse(text, out _));
    }

    [Fact]
    public void Every_single_digit_typo_is_caught()
    {
        var number = CustomerNumber.Format(CustomerNumber.FromSerial(4711));
        for (var position = 0; position < number.Length; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == number[position])
                {
                    continue;
                }

                var typo = number[..position] + digit + number[(position + 1)..];
                Assert.False(CustomerNumber.TryParse(typo, out _), typo);
            }
        }
    }

    [Fact]
    public void More_customers_than_eight_digits_hold_get_longer_numbers_that_still_parse()
    {
        var number = CustomerNumber.FromSerial(12_345_678);

        Assert.Equal(9, CustomerNumber.Format(number).Length);
        Assert.True(CustomerNumber.TryParse(CustomerNumber.Format(number), out _));
    }
}
