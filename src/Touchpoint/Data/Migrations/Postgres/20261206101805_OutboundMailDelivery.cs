using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Touchpoint.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboundMailDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Content",
                table: "OutboundMessages",
                type: "character varying(16000)",
                maxLength: 16000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);

            migrationBuilder.AddColumn<bool>(
                name: "Automatic",
                table: "OutboundMessages",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "OutboundMessages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CaseReference",
                table: "OutboundMessages",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayAnswer",
                table: "OutboundMessages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "OutboundMessages",
                type: "character varying(250)",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageId",
                table: "OutboundMessages",
                type: "character varying(250)",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "OutboundMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "OutboundMessages",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_CaseId_CreatedAt",
                table: "OutboundMessages",
                columns: new[] { "CaseId", "CreatedAt" },
                filter: "\"CaseId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_MessageId",
                table: "OutboundMessages",
                column: "MessageId",
                unique: true,
                filter: "\"MessageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundMessages_Type_NextAttemptAt",
                table: "OutboundMessages",
                columns: new[] { "Type", "NextAttemptAt" },
                filter: "\"NextAttemptAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_CaseId_CreatedAt",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_MessageId",
                table: "OutboundMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboundMessages_Type_NextAttemptAt",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "Automatic",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "CaseReference",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "GatewayAnswer",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "OutboundMessages");

            migrationBuilder.DropColumn(
                name: "References",
                table: "OutboundMessages");

            migrationBuilder.AlterColumn<string>(
                name: "Content",
                table: "OutboundMessages",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16000)",
                oldMaxLength: 16000);
        }
    }
}
