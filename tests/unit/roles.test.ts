/** Roles (issue 8, point 9): organisation, party and post, with equivalents that never contradict. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roleAgrees, roleSupported } from '../../server/src/engine/match/roles';

test('another organisation contradicts; the same one, however written, does not', () => {
  assert.equal(roleAgrees('a professor at the Sejong Institute', ['a professor at Kookmin University']), false);
  assert.equal(roleAgrees('professor at Kookmin University', ['a professor at Kookmin University']), true);
  assert.equal(roleAgrees('BoE governor', ['Bank of England governor']), true);
  assert.equal(roleAgrees('leader of the Public and Commercial Services Union', ['PCS leader']), true);
  assert.equal(roleAgrees('Oil and Natural Gas Corporation chairman', ['ONGC chairman']), true);
  assert.equal(roleAgrees("chairman of the Bafta games awards", ["chair of Bafta's Interactive Entertainment committee"]), true);
  assert.equal(roleAgrees('UKIP chairman', ["UKIP's chairman"]), true);
  assert.equal(roleAgrees('US ambassador', ['U.S. ambassador']), true);
});

test('parties: short forms are the same party, and a party never contradicts a portfolio', () => {
  assert.equal(roleAgrees('Lib Dem spokesman', ['Liberal Democrat spokesman']), true);
  assert.equal(roleAgrees('Lib Dem spokesman', ["party's Treasury spokesman"]), true);
  assert.equal(roleAgrees('Tory MP', ['Conservative MP']), true);
  assert.equal(roleAgrees('Labour MP', ['Conservative MP']), false);
});

test('posts: another field of the same post, or another post of one place, contradicts', () => {
  assert.equal(roleAgrees("the BBC's economics editor", ["the BBC's political editor"]), false);
  assert.equal(roleAgrees("the BBC's political editor", ['BBC political editor']), true);
  assert.equal(roleAgrees('Prime Minister', ['Chancellor']), false);
  assert.equal(roleAgrees('Chancellor', ['UK Chancellor', 'minister']), true);
  assert.equal(roleAgrees('Work Secretary', ['Work and Pensions Secretary', 'minister']), true);
});

test('spokesperson and press secretary are one job; a post the sources never name is left open', () => {
  assert.equal(roleAgrees('White House spokesperson', ['White House press secretary']), true);
  assert.equal(roleAgrees('press secretary', ['spokeswoman']), true);
  assert.equal(roleAgrees('Labour leader', ['Prime Minister']), true);
  assert.equal(roleAgrees('spokesman', ['secretary']), true);
});

test('a clause after the role is no part of it', () => {
  assert.equal(roleAgrees('chancellor of the exchequer under Mr Blair', ['UK Chancellor', 'Chancellor']), true);
});

test('roleSupported: a shared content word is context enough for a stretched spelling', () => {
  assert.equal(roleSupported('former acting ambassador in Kuwait', ['former acting ambassador at the North Korean Embassy in Kuwait']), true);
  assert.equal(roleSupported('a chef in Busan', ['former acting ambassador at the North Korean Embassy in Kuwait']), false);
});
